/**
 * The strategic planning model of Stockholms stadsbibliotek (2008), as data.
 *
 * Source: shared/seed/planning-model.md. Swedish is the product's default; the English is a
 * working translation. Components and exports read texts from here, never from literals, so
 * a new model version is one change in one file.
 */
import type { Locale } from '../i18n/locales'

/** Bumped whenever a text or an area assignment changes; boards record the version they use. */
export const PLANNING_MODEL_VERSION = 1

export type Localized = Readonly<Record<Locale, string>>

export type StepNumber = 1 | 2 | 3
export type Perspective = 'mission' | 'external' | 'internal'

export const AREA_IDS = ['uppdrag', 'framtid', 'besokare', 'relationer', 'ekonomi', 'personal', 'organisation', 'motesplatser'] as const
export type AreaId = (typeof AREA_IDS)[number]

export interface PlanningStep {
  readonly number: StepNumber
  readonly perspective: Perspective
  readonly title: Localized
  readonly summary: Localized
  readonly questions: readonly Localized[]
}

export interface PlanningArea {
  readonly id: AreaId
  readonly step: StepNumber
  readonly title: Localized
  readonly question: Localized
}

export interface StarterNote {
  readonly area: AreaId
  readonly text: Localized
}

export const STEPS: readonly PlanningStep[] = [
  {
    number: 1,
    perspective: 'mission',
    title: { sv: 'Uppdraget idag och i framtiden', en: 'The mission, today and in the future' },
    summary: {
      sv: 'Diskussion om uppdraget, idag och i framtiden.',
      en: 'A discussion of the mission, today and tomorrow.',
    },
    questions: [
      {
        sv: 'Vilka är framgångsfaktorerna för att vi ska nå uppställda mål?',
        en: 'What are the success factors for reaching the goals we set?',
      },
      {
        sv: 'Vad behöver vi göra redan nu för att klara morgondagens uppdrag?',
        en: "What must we do already now to manage tomorrow's mission?",
      },
    ],
  },
  {
    number: 2,
    perspective: 'external',
    title: { sv: 'Externt perspektiv på verksamheten', en: 'External perspective on the operation' },
    summary: {
      sv: 'Dessa strategiska områden styr vi inte över, men vi har möjlighet att påverka och utveckla dem genom vår verksamhet.',
      en: 'We do not control these strategic areas, but we can influence and develop them through our work.',
    },
    questions: [],
  },
  {
    number: 3,
    perspective: 'internal',
    title: { sv: 'Internt perspektiv på verksamheten', en: 'Internal perspective on the operation' },
    summary: {
      sv: 'Dessa strategiska områden har vi stor möjlighet att påverka själva.',
      en: 'These strategic areas we can largely influence ourselves.',
    },
    questions: [],
  },
]

export const CONTINUOUS_IMPROVEMENT = {
  title: { sv: 'Ständiga förbättringar', en: 'Continuous improvement' },
  summary: {
    sv: 'De externa och interna perspektiven samverkar kontinuerligt och handlar egentligen om utvecklingsarbete.',
    en: 'The external and internal perspectives interact continuously and are really about development work.',
  },
} as const satisfies { title: Localized; summary: Localized }

export const AREAS: readonly PlanningArea[] = [
  {
    id: 'uppdrag',
    step: 1,
    title: { sv: 'Uppdrag', en: 'Mission' },
    question: {
      sv: 'Vilka är framgångsfaktorerna för att vi ska nå uppställda mål?',
      en: 'What are the success factors for reaching the goals we set?',
    },
  },
  {
    id: 'framtid',
    step: 1,
    title: { sv: 'Framtid', en: 'Future' },
    question: {
      sv: 'Vad behöver vi göra redan nu för att klara morgondagens uppdrag?',
      en: "What must we do already now to manage tomorrow's mission?",
    },
  },
  {
    id: 'besokare',
    step: 2,
    title: { sv: 'Besökare och verksamhet', en: 'Visitors and activities' },
    question: { sv: 'Hur möter vi besökarnas behov?', en: "How do we meet visitors' needs?" },
  },
  {
    id: 'relationer',
    step: 2,
    title: { sv: 'Relationer och image', en: 'Relations and image' },
    question: {
      sv: 'Hur bygger vi starkare externa relationer?',
      en: 'How do we build stronger external relations?',
    },
  },
  {
    id: 'ekonomi',
    step: 2,
    title: { sv: 'Ekonomiska resurser', en: 'Financial resources' },
    question: { sv: 'Hur frigör vi resurser?', en: 'How do we free up resources?' },
  },
  {
    id: 'personal',
    step: 3,
    title: { sv: 'Personal och kompetens', en: 'Staff and competence' },
    question: {
      sv: 'Hur behöver kompetens, rutiner och IT-stöd utvecklas för att möta verksamhetens behov?',
      en: "How must competence, routines and IT support develop to meet the operation's needs?",
    },
  },
  {
    id: 'organisation',
    step: 3,
    title: { sv: 'Organisation och arbetssätt', en: 'Organisation and ways of working' },
    question: { sv: 'Hur utvecklar vi organisationen?', en: 'How do we develop the organisation?' },
  },
  {
    id: 'motesplatser',
    step: 3,
    title: { sv: 'Mötesplatser, IT och medier', en: 'Meeting places, IT and media' },
    question: {
      sv: 'Hur skapar vi bättre mötesplatser för oss och våra besökare?',
      en: 'How do we create better meeting places for ourselves and our visitors?',
    },
  },
]

export const STARTER_NOTES_TITLE: Localized = {
  sv: 'Åtaganden ur VP 2008',
  en: 'Commitments from the 2008 operational plan',
}

const note = (area: AreaId, sv: string, en: string): StarterNote => ({ area, text: { sv, en } })

/** "Åtaganden ur VP 2008": optional starter notes, in the deck's order. */
export const STARTER_NOTES: readonly StarterNote[] = [
  note(
    'besokare',
    'Prioritera de allra yngsta barnen, 0–2 år, och deras föräldrar, i bibliotekets verksamhet',
    'Prioritise the very youngest children, 0–2 years, and their parents in the library’s work',
  ),
  note(
    'besokare',
    'Prioritera verksamhet för, med och av barn och ungdom',
    'Prioritise activities for, with and by children and young people',
  ),
  note(
    'besokare',
    'Biblioteken ska vara lyhörda för besökarnas behov, utveckla verksamhet tillsammans med besökarna och inspirera besökarna till aktivitet',
    'The libraries shall listen to visitors’ needs, develop activities together with visitors and inspire them to take part',
  ),
  note(
    'besokare',
    'Utveckla verksamhet för äldre, såväl inom som utom stadens äldreboenden',
    'Develop activities for older people, both inside and outside the city’s care homes',
  ),
  note(
    'besokare',
    'Bibliotekens verksamhet ska bidra till att öka stockholmarnas kunskap i miljöfrågor',
    'The libraries’ work shall help increase Stockholmers’ knowledge of environmental issues',
  ),
  note(
    'besokare',
    'Verksamhet för, med och av ungdomar ska fortsätta att utvecklas',
    'Activities for, with and by young people shall continue to develop',
  ),
  note(
    'besokare',
    'Stockholms stadsbibliotek ska bli stockholmarnas självklara källa till dialog om litteratur, läsande och upplevelser i anslutning till detta',
    'Stockholm City Library shall become Stockholmers’ natural source of dialogue about literature, reading and related experiences',
  ),
  note(
    'besokare',
    'Stockholms stadsbibliotek ska fortsätta att utveckla eftermiddagsbibliotek för och med barn och unga',
    'Stockholm City Library shall continue to develop after-school libraries for and with children and young people',
  ),
  note(
    'besokare',
    'Tillgången till bibliotekens verksamhet förbättras för invånare med funktionshinder eller funktionsnedsättning',
    'Access to the libraries’ services improves for residents with disabilities or impairments',
  ),
  note('besokare', 'Bibliotekens lärmiljöer fortsätter att utvecklas', 'The libraries’ learning environments continue to develop'),
  note(
    'relationer',
    'Det lokala, fria kulturlivet synliggörs på stadens bibliotek',
    'Local, independent cultural life is made visible in the city’s libraries',
  ),
  note(
    'relationer',
    'Omvärldsbevakningen inom Stockholms stadsbibliotek ska utvecklas',
    'Environmental scanning within Stockholm City Library shall be developed',
  ),
  note(
    'relationer',
    'Biblioteken ska utveckla erbjudanden med bibliotekstjänster riktade till näringslivet',
    'The libraries shall develop library services aimed at businesses',
  ),
  note(
    'ekonomi',
    'Minskade kostnader genom effektivare bemanning och mediehantering',
    'Lower costs through more efficient staffing and media handling',
  ),
  note('ekonomi', 'Nya intäktskällor genom externt samarbete', 'New sources of income through external cooperation'),
  note(
    'personal',
    'Arbete inleds med att ta fram personliga kompetensutvecklingsplaner för alla medarbetare',
    'Work begins on personal development plans for all staff',
  ),
  note('personal', 'Tydliga förväntningar på medarbetarskap och ledarskap', 'Clear expectations of staff and leadership'),
  note(
    'organisation',
    'En ny organisation införs under 2008 för att möjliggöra ökat öppethållande och verksamhetsutveckling',
    'A new organisation is introduced in 2008 to allow longer opening hours and development of activities',
  ),
  note(
    'organisation',
    'Hinder för verksamhetsutveckling ska identifieras och undanröjas',
    'Obstacles to developing the operation shall be identified and removed',
  ),
  note(
    'organisation',
    'Biblioteken ska utveckla en gemensam grundläggande kvalitetsnivå, med möjlighet till särskild profil',
    'The libraries shall develop a common basic level of quality, with room for a particular profile',
  ),
  note(
    'organisation',
    'Biblioteken väljer varor och material för en hållbar miljö i sin verksamhet och sitt byggande',
    'The libraries choose goods and materials for a sustainable environment in their work and building',
  ),
  note(
    'organisation',
    'Utvecklad verksamhetsstyrning och uppföljning inom avdelningen',
    'Better management and follow-up within the department',
  ),
  note(
    'organisation',
    'Bibliotekens arbetsprocesser ska kartläggas och förbättras',
    'The libraries’ work processes shall be mapped and improved',
  ),
  note(
    'organisation',
    'Modell för kvalitetsutveckling utformas och introduceras',
    'A model for quality development is designed and introduced',
  ),
  note(
    'organisation',
    'Åtgärder genomförs för att förnya stadens biblioteksstruktur',
    'Measures are taken to renew the city’s library structure',
  ),
  note('organisation', 'Effektivare nyttjande av bibliotekets lokaler', 'More efficient use of the library’s premises'),
  note(
    'motesplatser',
    'Ett system med flytande mediebestånd och samordnad inköpsprocess för medier ska införas inom Stockholms stadsbibliotek',
    'A floating collection and a coordinated media purchasing process shall be introduced within Stockholm City Library',
  ),
  note(
    'motesplatser',
    'Biblioteken erbjuder mötesplatser för stadens invånare och finns där stockholmarna väljer att mötas',
    'The libraries offer meeting places for the city’s residents and are where Stockholmers choose to meet',
  ),
  note(
    'motesplatser',
    'Stockholms stadsbibliotek ska ge information om och stöd till processen kring byggandet av ett nytt stadsbibliotek',
    'Stockholm City Library shall inform about and support the process of building a new city library',
  ),
  note(
    'motesplatser',
    'En ny mötesplats för barn ska utvecklas på webben',
    'A new meeting place for children shall be developed on the web',
  ),
  note(
    'motesplatser',
    'Biblioteken ska lyfta fram litteratur, särskilt barnlitteratur, från andra språkområden än de traditionellt västerländska',
    'The libraries shall highlight literature, especially children’s literature, from language areas other than the traditionally Western ones',
  ),
]

const areasById = new Map(AREAS.map((area) => [area.id, area]))

export function isAreaId(value: unknown): value is AreaId {
  return typeof value === 'string' && areasById.has(value as AreaId)
}

export function getArea(id: AreaId): PlanningArea {
  const area = areasById.get(id)
  if (!area) throw new Error(`Unknown area: ${id}`)
  return area
}

export function getStep(number: StepNumber): PlanningStep {
  const step = STEPS.find((s) => s.number === number)
  if (!step) throw new Error(`Unknown step: ${number}`)
  return step
}

export function areasOfStep(number: StepNumber): PlanningArea[] {
  return AREAS.filter((area) => area.step === number)
}
