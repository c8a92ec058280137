/**
 * Requests a hostile member makes against the real app on PostgreSQL (issue 12, low items):
 * ids with NUL bytes in the path answer 400, never 500 (PostgreSQL cannot hold NUL in text),
 * and a guest facilitator asking for an invite link is told no (4xx), not 500.
 */
import type { APIRequestContext } from 'playwright-core'
import { request as playwrightRequest } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_BOARD_NAME, DEMO_PASSWORD, DEMO_USERS } from '../../server/seed'
import { startAppServer, type AppServer } from '../helpers/appServer'
import { signedInRequest } from '../helpers/browser'
import { createTestSchema, findTestPostgres, postgresRequired, type TestSchema } from '../helpers/testPostgres'

let server: AppServer | undefined
let schema: TestSchema | undefined
let facilitator: APIRequestContext
let boardId: string
const postgres = await findTestPostgres()
if (!postgres.ok && postgresRequired) throw new Error(postgres.problem)

beforeAll(async () => {
  if (!postgres.ok) return
  schema = await createTestSchema(postgres.url)
  server = await startAppServer({ DATABASE_URL: schema.url })
  facilitator = await signedInRequest(server.url, DEMO_USERS.facilitator.email, DEMO_PASSWORD, { extraHTTPHeaders: { origin: server.url } })
  const { boards } = (await (await facilitator.get('/api/boards')).json()) as { boards: { id: string; name: string }[] }
  boardId = boards.find((b) => b.name === DEMO_BOARD_NAME)!.id
})

afterAll(async () => {
  await facilitator?.dispose()
  await server?.stop()
  await schema?.drop()
})

describe.runIf(postgres.ok)('hostile requests on PostgreSQL', () => {
  it('ids with NUL bytes or control characters in the path answer 400, not 500', async () => {
    const base = `/api/boards/${boardId}`
    const attempts: [string, string, object?][] = [
      ['get', `${base}/snapshots/%00abc`],
      ['delete', `${base}/snapshots/abc%00`],
      ['patch', `${base}/members/%00`, { role: 'observer' }],
      ['delete', `${base}/members/x%00y`],
      ['delete', `${base}/invites/%00`],
      ['delete', `${base}/invites/a%01b`],
    ]
    for (const [method, path, data] of attempts) {
      const answer = await facilitator.fetch(path, { method, ...(data ? { data } : {}) })
      expect([method, path, answer.status()]).toEqual([method, path, 400])
    }
    // The app is still answering normally afterwards.
    expect((await facilitator.get(`${base}/snapshots`)).status()).toBe(200)
  })

  it('a guest facilitator asking for an invite link gets 403, not 500', async () => {
    const made = await facilitator.post(`/api/boards/${boardId}/invites`, { data: { role: 'facilitator' } })
    expect(made.status()).toBe(201)
    const { url } = (await made.json()) as { url: string }
    const token = url.split('/join/')[1]
    const guest = await playwrightRequest.newContext({ baseURL: server!.url, extraHTTPHeaders: { origin: server!.url } })
    try {
      const { csrfToken } = (await (await guest.get('/api/auth/csrf')).json()) as { csrfToken: string }
      const signedIn = await guest.post('/api/auth/callback/guest', {
        form: { csrfToken, token, name: 'Gästledare', json: 'true' },
        maxRedirects: 0,
      })
      expect(signedIn.status()).toBeLessThan(400)
      // The guest is a facilitator of the board: they may read its invites ...
      expect((await guest.get(`/api/boards/${boardId}/invites`)).status()).toBe(200)
      // ... but not hand out links of their own.
      const refused = await guest.post(`/api/boards/${boardId}/invites`, { data: { role: 'participant' } })
      expect(refused.status()).toBe(403)
      expect(await refused.json()).toEqual({ error: 'only staff accounts can create invite links' })
    } finally {
      await guest.dispose()
    }
  })
})
