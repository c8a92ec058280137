/**
 * The report, backup and import endpoints over HTTP against the real app: who may download
 * what, what the files look like, a backup re-imported as an identical board, and bad files
 * refused without creating anything.
 */
import { request as playwrightRequest, type APIRequestContext } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_BOARD_NAME, DEMO_PASSWORD, DEMO_USERS } from '../../server/seed'
import type { Report } from '../../lib/export/report'
import { startAppServer, type AppServer } from '../helpers/appServer'
import { signedInRequest } from '../helpers/browser'

let server: AppServer
let facilitator: APIRequestContext
let participant: APIRequestContext
let demoBoardId: string

const signedIn = (email: string) => signedInRequest(server.url, email, DEMO_PASSWORD)

async function boardIds(context: APIRequestContext): Promise<string[]> {
  const { boards } = (await (await context.get('/api/boards')).json()) as { boards: { id: string }[] }
  return boards.map((b) => b.id).sort()
}

/** The report without what differs between two boards with the same content. */
async function reportContent(boardId: string) {
  const report = (await (await facilitator.get(`/api/boards/${boardId}/export.json`)).json()) as Report
  return { ...report, generatedAt: 0, board: { ...report.board, id: '' } }
}

beforeAll(async () => {
  server = await startAppServer()
  facilitator = await signedIn(DEMO_USERS.facilitator.email)
  participant = await signedIn(DEMO_USERS.participant.email)
  const { boards } = (await (await facilitator.get('/api/boards')).json()) as { boards: { id: string; name: string }[] }
  demoBoardId = boards.find((b) => b.name === DEMO_BOARD_NAME)!.id
})

afterAll(async () => {
  await facilitator?.dispose()
  await participant?.dispose()
  await server?.stop()
})

describe('the board report over HTTP', () => {
  it('gives any member Markdown in the board’s language, or in English when asked', async () => {
    const sv = await participant.get(`/api/boards/${demoBoardId}/export.md`)
    expect(sv.status()).toBe(200)
    expect(sv.headers()['content-type']).toBe('text/markdown; charset=utf-8')
    const text = await sv.text()
    expect(text.startsWith(`# ${DEMO_BOARD_NAME}\n`)).toBe(true)
    expect(text).toContain('## Steg 2 · Externt perspektiv på verksamheten')
    expect(text).toContain('### Ekonomiska resurser')
    const en = await (await participant.get(`/api/boards/${demoBoardId}/export.md?lang=en`)).text()
    expect(en).toContain('## Step 2 · External perspective on the operation')
  })

  it('gives CSV with a byte-order mark, a row per note and a download name', async () => {
    const response = await participant.get(`/api/boards/${demoBoardId}/export.csv`)
    expect(response.headers()['content-type']).toBe('text/csv; charset=utf-8')
    expect(response.headers()['content-disposition']).toMatch(
      /^attachment; filename="verksamhetsplan-workshop-\d{4}-\d{2}-\d{2}\.csv"; filename\*=UTF-8''Verksamhetsplan%20%E2%80%93%20workshop%20/,
    )
    const bytes = await response.body()
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const rows = bytes.toString('utf8').slice(1).split('\r\n').filter(Boolean)
    expect(rows[0]).toBe('"Steg","Perspektiv","Område","Text","Författare","Röster","Skapad (UTC)","Ändrad (UTC)"')
    expect(rows).toHaveLength(1 + 31)
  })

  it('gives versioned JSON of the report', async () => {
    const report = (await (await participant.get(`/api/boards/${demoBoardId}/export.json`)).json()) as Report
    expect(report).toMatchObject({ format: 'strategitavlan-report', version: 1, noteCount: 31, locale: 'sv' })
  })

  it('refuses people who are not members, and people not signed in', async () => {
    const created = await participant.post('/api/boards', { data: { name: 'Pers egen' } })
    const { id } = (await created.json()) as { id: string }
    expect((await facilitator.get(`/api/boards/${id}/export.md`)).status()).toBe(403)
    const anonymous = await playwrightRequest.newContext({ baseURL: server.url })
    expect((await anonymous.get(`/api/boards/${demoBoardId}/export.csv`)).status()).toBe(401)
    await anonymous.dispose()
  })
})

describe('backup and import over HTTP', () => {
  it('lets only facilitators download a backup', async () => {
    expect((await participant.get(`/api/boards/${demoBoardId}/backup.json`)).status()).toBe(403)
    const backup = await facilitator.get(`/api/boards/${demoBoardId}/backup.json`)
    expect(backup.status()).toBe(200)
    expect(await backup.json()).toMatchObject({ format: 'strategitavlan-backup', version: 2, board: { name: DEMO_BOARD_NAME } })
  })

  it('imports a backup as a new board with the same report, as JSON or as a form upload', async () => {
    const backup = await (await facilitator.get(`/api/boards/${demoBoardId}/backup.json`)).text()
    const asJson = await facilitator.post('/api/boards/import', {
      headers: { 'content-type': 'application/json' },
      data: Buffer.from(backup),
    })
    expect(asJson.status()).toBe(201)
    const { id } = (await asJson.json()) as { id: string }
    expect(id).not.toBe(demoBoardId)
    const copy = await reportContent(id)
    // The copy is named as one, so it is not mistaken for the board it came from.
    expect(copy.board.name).toBe(`${DEMO_BOARD_NAME} (importerad)`)
    const original = await reportContent(demoBoardId)
    expect({ ...copy, board: { ...copy.board, name: '' } }).toEqual({ ...original, board: { ...original.board, name: '' } })

    const asForm = await participant.post('/api/boards/import', {
      multipart: { file: { name: 'backup.json', mimeType: 'application/json', buffer: Buffer.from(backup) } },
    })
    expect(asForm.status()).toBe(201)
    const imported = (await asForm.json()) as { id: string }
    expect((await participant.get(`/api/boards/${imported.id}/backup.json`)).status()).toBe(200)
  })

  it('refuses each kind of bad file with its code and creates no board', async () => {
    const backup = JSON.parse(await (await facilitator.get(`/api/boards/${demoBoardId}/backup.json`)).text())
    const before = await boardIds(facilitator)
    // A Buffer goes on the wire as it is (Playwright would JSON-encode a string).
    const send = (body: string | Buffer) =>
      facilitator.post('/api/boards/import', { headers: { 'content-type': 'application/json' }, data: Buffer.from(body) })
    const cases: [string | Buffer, number, string][] = [
      ['{"format": "strategitavlan-backup", ', 400, 'not-json'],
      [JSON.stringify({ ...backup, format: 'tldraw' }), 400, 'wrong-format'],
      [JSON.stringify({ ...backup, version: 7 }), 400, 'newer-version'],
      [JSON.stringify({ ...backup, extra: true }), 400, 'invalid'],
      [JSON.stringify(backup).replace('{', '{"__proto__":{"admin":true},'), 400, 'unsafe'],
      [
        JSON.stringify({
          ...backup,
          records: [...backup.records, { ...backup.records[0], id: 'shape:evil', typeName: 'shape', type: 'script' }],
        }),
        400,
        'invalid',
      ],
      [Buffer.alloc(9 * 1024 * 1024, 0x20), 413, 'too-large'],
    ]
    for (const [body, status, code] of cases) {
      const response = await send(body)
      expect({ status: response.status(), code: ((await response.json()) as { code: string }).code }).toEqual({ status, code })
    }
    expect(await boardIds(facilitator)).toEqual(before)
  })
})
