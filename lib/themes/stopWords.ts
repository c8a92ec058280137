/**
 * Words that say nothing about what an idea is about, in Swedish and English. Workshop notes
 * mix both, so both lists apply whatever the board's language. Compared after normalisation
 * (lower case, NFC), before stemming.
 */
const SWEDISH = `
alla allt alltid andra att av bara bli blir blev borde bra bättre de dem den denna deras dess
det detta dig din dina ditt du där efter eller en ens er era ert ett fler flera flesta få för
från genom ha hade har hela hon honom hos hur här i igen in inom inte jag ju kan kanske kommer
kunna kunde man med mer mellan men mest mig min mina mitt mot mycket många ni nu när och också
om oss på sig sin sina sitt själv ska skulle som så sådan till under upp ut utan vad var vara
varför vart vi vid vilka vilken vill än är åt över ännu även dessa dom nya ny nytt göra gör
behöver behövs mera samt via sedan sen tex t.ex osv
`

const ENGLISH = `
a about after all also an and any are as at be been but by can could do does for from get
has have how i if in into is it its more most my no not of on or our out should so some than
that the their them then there these they this to too up us was we were what when which who
why will with would you your new more better need needs make
`

export const STOP_WORDS: ReadonlySet<string> = new Set(`${SWEDISH} ${ENGLISH}`.split(/\s+/).filter((word) => word.length > 0))
