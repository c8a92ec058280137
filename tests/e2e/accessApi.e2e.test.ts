/**
 * Rules of the web app that hold for any client, checked over HTTP against the real app: a
 * board always keeps a facilitator, sign-in never sends anyone to another site, and every
 * answer carries the security headers.
 */
import type { APIRequestContext } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_BOARD_NAME, DEMO_PASSWORD, DEMO_USERS } from '../../server/seed'
import { startAppServer, type AppServer } from '../helpers/appServer'
import { signedInRequest } from '../helpers/browser'

let server: AppServer
let facilitator: APIRequestContext
let boardId: string

const signedIn = (email: string) => signedInRequest(server.url, email, DEMO_PASSWORD, { extraHTTPHeaders: { origin: server.url } })

beforeAll(async () => {
  server = await startAppServer()
  facilitator = await signedIn(DEMO_USERS.facilitator.email)
  const { boards } = (await (await facilitator.get('/api/boards')).json()) as { boards: { id: string; name: string }[] }
  boardId = boards.find((b) => b.name === DEMO_BOARD_NAME)!.id
})

afterAll(async () => {
  await facilitator?.dispose()
  await server?.stop()
})

describe('a board’s facilitators', () => {
  it('cannot all be taken away: not by adding, not by changing, not by removing', async () => {
    type Member = { userId: string; email: string; role: string }
    const members = async (asker = facilitator) => {
      const answer = await asker.get(`/api/boards/${boardId}/members`)
      expect(answer.status(), await answer.text()).toBe(200)
      return ((await answer.json()) as { members: Member[] }).members
    }
    const facilitators = (await members()).filter((m) => m.role === 'facilitator')
    expect(facilitators.map((m) => m.email)).toEqual([DEMO_USERS.facilitator.email])
    const me = facilitators[0]

    const added = await facilitator.post(`/api/boards/${boardId}/members`, { data: { email: me.email, role: 'participant' } })
    expect(added.status()).toBe(409)
    expect(await added.json()).toEqual({ error: 'a board needs at least one facilitator' })
    expect((await facilitator.patch(`/api/boards/${boardId}/members/${me.userId}`, { data: { role: 'observer' } })).status()).toBe(409)
    expect((await facilitator.delete(`/api/boards/${boardId}/members/${me.userId}`)).status()).toBe(409)
    expect((await members()).find((m) => m.userId === me.userId)?.role).toBe('facilitator')

    // With a second facilitator, the first may step down.
    const second = await facilitator.post(`/api/boards/${boardId}/members`, {
      data: { email: DEMO_USERS.participant.email, role: 'facilitator' },
    })
    expect(second.status()).toBe(201)
    expect((await facilitator.post(`/api/boards/${boardId}/members`, { data: { email: me.email, role: 'participant' } })).status()).toBe(
      201,
    )
    const successor = await signedIn(DEMO_USERS.participant.email)
    try {
      expect((await members(successor)).filter((m) => m.role === 'facilitator').map((m) => m.email)).toEqual([DEMO_USERS.participant.email])
    } finally {
      await successor.dispose()
    }
  })
})

describe('a board’s page', () => {
  it('names the board only to its members', async () => {
    const created = await facilitator.post('/api/boards', { data: { name: 'Styrgruppens hemliga tavla', includeStarterNotes: false } })
    expect(created.status()).toBe(201)
    const { id } = (await created.json()) as { id: string }
    const titleFor = async (context: APIRequestContext) =>
      /<title>([^<]*)<\/title>/.exec(await (await context.get(`/boards/${id}`)).text())?.[1]
    expect(await titleFor(facilitator)).toContain('Styrgruppens hemliga tavla')
    const outsider = await signedIn(DEMO_USERS.participant.email)
    try {
      const title = await titleFor(outsider)
      expect(title).toBeDefined()
      expect(title).not.toContain('Styrgruppens')
    } finally {
      await outsider.dispose()
    }
  })
})

describe('signing in', () => {
  it.each(['/\\evil.example', '//evil.example', '/\\/evil.example'])('sends a signed-in visitor home, not to %s', async (target) => {
    const someone = await signedIn(DEMO_USERS.participant.email)
    try {
      const answer = await someone.get(`/signin?callbackUrl=${encodeURIComponent(target)}`, { maxRedirects: 0 })
      expect(answer.status()).toBeGreaterThanOrEqual(300)
      expect(answer.status()).toBeLessThan(400)
      expect(answer.headers()['location']).toBe('/')
    } finally {
      await someone.dispose()
    }
  })
})

describe('every answer', () => {
  it.each(['/signin', '/api/boards', '/tldraw/fonts/IBMPlexSans-Medium.woff2'])('%s carries the security headers', async (path) => {
    const answer = await facilitator.get(path)
    const headers = answer.headers()
    expect(headers['content-security-policy']).toContain("frame-ancestors 'self'")
    expect(headers['content-security-policy']).toContain("img-src 'self' data: blob:")
    expect(headers['x-frame-options']).toBe('SAMEORIGIN')
    expect(headers['x-content-type-options']).toBe('nosniff')
    expect(headers['referrer-policy']).toBe('same-origin')
  })
})
