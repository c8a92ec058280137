/**
 * Every user-visible string of the UI, in Swedish (the default) and English. Components take
 * their text from here through `useT()` (client) or `getT()` (server); the planning model's own
 * texts live in lib/planning.
 */
import type { Locale } from './locales'

const sv = {
  'app.name': 'Strategitavlan',
  'app.tagline': 'Strategisk planering tillsammans – i rummet och på filialerna.',
  'nav.skipToContent': 'Hoppa till innehållet',
  'nav.boards': 'Mina tavlor',
  'nav.signOut': 'Logga ut',
  'nav.language': 'Språk',
  'nav.switchTo': 'English',
  'nav.signedInAs': 'Inloggad som {name}',

  'signin.title': 'Logga in',
  'signin.email': 'E-post',
  'signin.password': 'Lösenord',
  'signin.submit': 'Logga in',
  'signin.submitting': 'Loggar in…',
  'signin.failed': 'Fel e-post eller lösenord.',
  'signin.error': 'Inloggningen misslyckades. Försök igen om en stund.',

  'home.title': 'Mina tavlor',
  'home.empty': 'Du har inga tavlor ännu. Skapa den första nedan.',
  'home.role.facilitator': 'Facilitator',
  'home.role.participant': 'Deltagare',
  'home.role.observer': 'Observatör',
  'home.updated': 'Ändrad {date}',
  'home.open': 'Öppna {name}',

  'newBoard.title': 'Ny tavla',
  'newBoard.name': 'Namn',
  'newBoard.defaultName': 'Strategisk planering {date}',
  'newBoard.starterNotes': 'Ta med åtagandena ur VP 2008 som startlappar',
  'newBoard.submit': 'Skapa tavla',
  'newBoard.submitting': 'Skapar…',
  'newBoard.failed': 'Tavlan kunde inte skapas.',

  'board.back': 'Alla tavlor',
  'board.loading': 'Öppnar tavlan…',
  'board.loadFailed': 'Tavlan kunde inte öppnas.',
  'board.reload': 'Ladda om',
  'board.newerVersion': 'Tavlan har sparats av en nyare version av Strategitavlan. Ladda om sidan.',
  'board.canvasLabel': 'Tavla: {name}',
  'board.addIdea': 'Lägg till idé',
  'board.addIdeaTo': 'Lägg till idé i {area}',
  'board.noteCount': '{count} lappar',
  'board.noteCountOne': '1 lapp',
  'board.stepLabel': 'Steg {number}',
  'board.perspective.mission': 'Uppdraget',
  'board.perspective.external': 'Externt',
  'board.perspective.internal': 'Internt',
  'board.fit': 'Visa hela tavlan',
  'board.noteArea': 'Område: {area}',
  'board.noteNoArea': 'Utanför områdena',

  'connection.connecting': 'Ansluter…',
  'connection.connected': 'Ansluten',
  'connection.reconnecting': 'Återansluter…',
  'connection.offline': 'Offline',
  'connection.signedOut': 'Utloggad – logga in igen',
  'connection.forbidden': 'Ingen åtkomst',
  'connection.notFound': 'Tavlan finns inte',
  'connection.label': 'Anslutning: {state}',

  'notFound.title': 'Sidan finns inte',
  'notFound.body': 'Tavlan eller sidan du letar efter finns inte, eller så har du inte tillgång till den.',
  'notFound.home': 'Till mina tavlor',
  'forbidden.title': 'Ingen åtkomst',
  'forbidden.body': 'Du har inte tillgång till den här tavlan. Be facilitatorn att bjuda in dig.',
} as const

export type MessageKey = keyof typeof sv

const en: Record<MessageKey, string> = {
  'app.name': 'Strategitavlan',
  'app.tagline': 'Strategic planning together – in the room and at the branches.',
  'nav.skipToContent': 'Skip to content',
  'nav.boards': 'My boards',
  'nav.signOut': 'Sign out',
  'nav.language': 'Language',
  'nav.switchTo': 'Svenska',
  'nav.signedInAs': 'Signed in as {name}',

  'signin.title': 'Sign in',
  'signin.email': 'Email',
  'signin.password': 'Password',
  'signin.submit': 'Sign in',
  'signin.submitting': 'Signing in…',
  'signin.failed': 'Wrong email or password.',
  'signin.error': 'Signing in failed. Please try again in a moment.',

  'home.title': 'My boards',
  'home.empty': 'You have no boards yet. Create the first one below.',
  'home.role.facilitator': 'Facilitator',
  'home.role.participant': 'Participant',
  'home.role.observer': 'Observer',
  'home.updated': 'Changed {date}',
  'home.open': 'Open {name}',

  'newBoard.title': 'New board',
  'newBoard.name': 'Name',
  'newBoard.defaultName': 'Strategic planning {date}',
  'newBoard.starterNotes': 'Include the commitments from the 2008 operational plan as starter notes',
  'newBoard.submit': 'Create board',
  'newBoard.submitting': 'Creating…',
  'newBoard.failed': 'The board could not be created.',

  'board.back': 'All boards',
  'board.loading': 'Opening the board…',
  'board.loadFailed': 'The board could not be opened.',
  'board.reload': 'Reload',
  'board.newerVersion': 'This board was saved by a newer version of Strategitavlan. Reload the page.',
  'board.canvasLabel': 'Board: {name}',
  'board.addIdea': 'Add idea',
  'board.addIdeaTo': 'Add idea to {area}',
  'board.noteCount': '{count} notes',
  'board.noteCountOne': '1 note',
  'board.stepLabel': 'Step {number}',
  'board.perspective.mission': 'Mission',
  'board.perspective.external': 'External',
  'board.perspective.internal': 'Internal',
  'board.fit': 'Show the whole board',
  'board.noteArea': 'Area: {area}',
  'board.noteNoArea': 'Outside the areas',

  'connection.connecting': 'Connecting…',
  'connection.connected': 'Connected',
  'connection.reconnecting': 'Reconnecting…',
  'connection.offline': 'Offline',
  'connection.signedOut': 'Signed out – sign in again',
  'connection.forbidden': 'No access',
  'connection.notFound': 'Board not found',
  'connection.label': 'Connection: {state}',

  'notFound.title': 'Page not found',
  'notFound.body': 'The board or page you are looking for does not exist, or you do not have access to it.',
  'notFound.home': 'To my boards',
  'forbidden.title': 'No access',
  'forbidden.body': 'You do not have access to this board. Ask the facilitator to invite you.',
}

export const MESSAGES: Record<Locale, Record<MessageKey, string>> = { sv, en }

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string

export function translator(locale: Locale): Translate {
  const catalog = MESSAGES[locale]
  return (key, vars) => {
    const text = catalog[key]
    if (!vars) return text
    return text.replace(/\{(\w+)\}/g, (match, name: string) => (name in vars ? String(vars[name]) : match))
  }
}
