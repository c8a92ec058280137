/**
 * A guest's vote allowance across re-joins through one invite link (issue 12, item 10), against
 * the real app: the same browser signing in through the same link again is the same guest, so
 * it gets no fresh allowance; the device cookie that says so cannot be forged.
 */
import type { APIRequestContext } from 'playwright-core'
import { request as playwrightRequest } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AREA_IDS } from '../../lib/planning/planningModel'
import { DEMO_BOARD_NAME, DEMO_PASSWORD, DEMO_USERS } from '../../server/seed'
import { startAppServer, type AppServer } from '../helpers/appServer'
import { signedInRequest } from '../helpers/browser'

let server: AppServer
let facilitator: APIRequestContext
let boardId: string
let inviteToken: string
let noteId: string
const opened: APIRequestContext[] = []

const DEVICE_COOKIE = /^strategitavlan-guest-/

/** A browser without a browser: its own cookie jar, optionally starting from `cookies`. */
async function device(
  cookies: {
    name: string
    value: string
    domain: string
    path: string
    expires: number
    httpOnly: boolean
    secure: boolean
    sameSite: 'Strict' | 'Lax' | 'None'
  }[] = [],
) {
  const context = await playwrightRequest.newContext({
    baseURL: server.url,
    extraHTTPHeaders: { origin: server.url },
    storageState: { cookies, origins: [] },
  })
  opened.push(context)
  return context
}

/** Signs in through the invite link as `name`; returns the session's user id. */
async function join(context: APIRequestContext, name: string, token = inviteToken): Promise<string> {
  const { csrfToken } = (await (await context.get('/api/auth/csrf')).json()) as { csrfToken: string }
  const signedIn = await context.post('/api/auth/callback/guest', { form: { csrfToken, token, name, json: 'true' }, maxRedirects: 0 })
  expect(signedIn.status()).toBeLessThan(400)
  const session = (await (await context.get('/api/auth/session')).json()) as { user?: { id: string; name: string } }
  expect(session.user?.name).toBe(name)
  return session.user!.id
}

const vote = (context: APIRequestContext) => context.post(`/api/boards/${boardId}/votes`, { data: { noteId, delta: 1 } })

/** The cookies a re-join after the session ended still has: the device cookie, not the session. */
async function afterSessionEnded(context: APIRequestContext) {
  const { cookies } = await context.storageState()
  const kept = cookies.filter((c) => DEVICE_COOKIE.test(c.name))
  expect(kept).toHaveLength(1)
  expect(kept[0].httpOnly).toBe(true)
  return kept
}

beforeAll(async () => {
  server = await startAppServer()
  facilitator = await signedInRequest(server.url, DEMO_USERS.facilitator.email, DEMO_PASSWORD, { extraHTTPHeaders: { origin: server.url } })
  const { boards } = (await (await facilitator.get('/api/boards')).json()) as { boards: { id: string; name: string }[] }
  boardId = boards.find((b) => b.name === DEMO_BOARD_NAME)!.id
  const made = await facilitator.post(`/api/boards/${boardId}/invites`, { data: { role: 'participant' } })
  expect(made.status()).toBe(201)
  inviteToken = ((await made.json()) as { url: string }).url.split('/join/')[1]
  const note = await facilitator.post(`/api/boards/${boardId}/notes`, {
    data: { areaId: AREA_IDS[0], text: 'Längre öppettider på lördagar' },
  })
  expect(note.status()).toBe(201)
  noteId = ((await note.json()) as { id: string }).id
  const started = await facilitator.post(`/api/boards/${boardId}/facilitation`, {
    data: { type: 'voting.start', votesPerPerson: 2, areas: null, anonymous: false, hideTally: false },
  })
  expect(started.status()).toBe(200)
}, 120_000)

afterAll(async () => {
  for (const context of opened) await context.dispose()
  await facilitator?.dispose()
  await server?.stop()
})

describe('a guest re-joining through one invite link', () => {
  it('is the same guest from the same browser, and gets no fresh vote allowance', async () => {
    const browser = await device()
    const first = await join(browser, 'Gunnel')
    expect((await vote(browser)).status()).toBe(200)
    expect((await vote(browser)).status()).toBe(200)
    expect((await vote(browser)).status()).toBe(409)

    // The session is gone (signed out, or its 12 hours ran out); the browser joins again.
    const again = await device(await afterSessionEnded(browser))
    const second = await join(again, 'Gunnel på Bredäng')
    expect(second).toBe(first)
    const refused = await vote(again)
    expect(refused.status()).toBe(409)
    expect(await refused.json()).toEqual({ error: 'limit' })
    const standing = (await (await again.get(`/api/boards/${boardId}/votes`)).json()) as { mine: Record<string, number>; remaining: number }
    expect(standing).toMatchObject({ mine: { [noteId]: 2 }, remaining: 0 })

    // A third time, the same: five joins never make more than two votes.
    const third = await device(await afterSessionEnded(again))
    expect(await join(third, 'Gunnel')).toBe(first)
    expect((await vote(third)).status()).toBe(409)
  })

  it('cannot claim another guest’s identity with a forged or borrowed cookie', async () => {
    const victim = await device()
    const victimId = await join(victim, 'Örjan')
    const [cookie] = await afterSessionEnded(victim)
    const guestId = victimId.replace(/^guest:/, '')

    // The victim's guest id with a made-up signature is nobody: a new guest.
    const forged = await device([{ ...cookie, value: `${guestId}.${'A'.repeat(43)}` }])
    expect(await join(forged, 'Mallory')).not.toBe(victimId)

    // This link's valid cookie, renamed for another link and joining through that one, is
    // nobody either: the signature names the link.
    const made = await facilitator.post(`/api/boards/${boardId}/invites`, { data: { role: 'participant' } })
    const other = (await made.json()) as { invite: { id: string }; url: string }
    const moved = await device([{ ...cookie, name: `strategitavlan-guest-${other.invite.id}` }])
    const movedId = await join(moved, 'Mallory', other.url.split('/join/')[1])
    expect(movedId).not.toBe(victimId)
  })

  it('a new browser is a new guest with an allowance of its own', async () => {
    const newcomer = await device()
    await join(newcomer, 'Ny på filialen')
    expect((await vote(newcomer)).status()).toBe(200)
  })
})
