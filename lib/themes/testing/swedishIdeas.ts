/**
 * About sixty Swedish workshop ideas in six known groups, each idea written several ways the
 * way people in a room write it: different word forms, compounds, word order, typos left out.
 */
export const IDEA_GROUPS: Record<string, string[]> = {
  oppettider: [
    'Längre öppettider på kvällarna',
    'Öppet längre på kvällen',
    'Utökade öppettider, även helger',
    'Öppettiderna borde vara längre',
    'Längre öppethållande på helgerna',
    'Söndagsöppet och längre öppettider',
    'Kvällsöppet fler dagar i veckan',
    'Öppna tidigare på morgonen och längre på kvällen',
    'Meröppet: öppettider utan personal på kvällar',
    'Bättre öppettider för den som jobbar dagtid',
  ],
  studieplatser: [
    'Fler studieplatser',
    'Fler platser att studera på',
    'Tysta studieplatser för studenter',
    'Bokningsbara grupprum och studieplatser',
    'Behövs fler studieplatser under tentaperioder',
    'Fler sittplatser att plugga på',
    'Studieplatser med eluttag',
    'Fler grupprum för studier',
    'Studierum för gymnasieelever',
    'Större läsesal med studieplatser',
  ],
  sprakcafe: [
    'Språkcaféer för nyanlända',
    'Språkcafé på svenska varje vecka',
    'Fler språkcaféer på filialerna',
    'Språkcafé med volontärer',
    'Träffas och prata svenska på språkcafé',
    'Starta språkcafé för vuxna som lär sig svenska',
    'Språkcaféer även på kvällstid',
    'Samtalsgrupper på lätt svenska, språkcafé',
    'Språkcafé i samarbete med SFI',
    'Språkcaféerna behöver fler volontärer',
  ],
  ebocker: [
    'Fler e-böcker och ljudböcker',
    'Större utbud av e-böcker',
    'Ljudböcker i appen',
    'E-böcker på fler språk',
    'Lättare att låna e-böcker',
    'Digitala ljudböcker för barn',
    'Låna e-böcker och ljudböcker direkt i mobilen',
    'Fler ljudböcker på lättläst svenska',
    'E-boksutbudet måste öka',
    'Strömmande ljudböcker och e-böcker',
  ],
  sagostund: [
    'Sagostund för de minsta barnen',
    'Fler sagostunder på lördagar',
    'Babyrytmik och sagostund',
    'Sagostunder på flera språk',
    'Sagostund för barn 0–2 år med föräldrar',
    'Regelbundna sagostunder på filialerna',
    'Sagostunder i parken på sommaren',
    'Teckenspråkig sagostund',
    'Sagostund och pyssel för förskolebarn',
    'Fler sagostunder för småbarnsföräldrar',
  ],
  skolor: [
    'Samarbete med skolorna i området',
    'Närmare samarbete med skolbiblioteken',
    'Klassbesök från skolor varje termin',
    'Samarbeta med lärare om läsfrämjande',
    'Bokprat i skolklasser',
    'Samarbete med skolor kring källkritik',
    'Skolor och bibliotek samarbetar om läsning',
    'Fler klassbesök för mellanstadiet',
    'Skolsamarbete: boklådor till klassrummen',
    'Lärare och bibliotekarier samarbetar',
  ],
}

export function ideaFixture(): { id: string; text: string; group: string }[] {
  return Object.entries(IDEA_GROUPS).flatMap(([group, texts]) =>
    texts.map((text, i) => ({ id: `shape:${group}-${String(i).padStart(2, '0')}`, text, group })),
  )
}
