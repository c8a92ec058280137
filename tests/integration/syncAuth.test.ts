/**
 * Who may open a board's sync room. Every refusal completes the upgrade and closes with a
 * 44xx code before a single byte of the board is sent; paths that are not a board's room are
 * answered with HTTP 404.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createRoomTokens } from '../../lib/auth/roomToken'
import { privateDocId } from '../../lib/board/docIds'
import { joinBoard } from '../helpers/boardClients'
import { addNote, loadStoredDoc, noteTexts } from '../helpers/boardNotes'
import { createCleanup } from '../helpers/cleanup'
import { messageTypes, openRawSocket, syncSocketUrl, type RawSocket } from '../helpers/rawSocket'
import { TEST_SECRET, connectClient, eventually, startSyncHarness, type SyncHarness } from '../helpers/syncHarness'

const cleanup = createCleanup()
let harness: SyncHarness

beforeAll(async () => {
  harness = await startSyncHarness()
})

afterAll(() => harness.close())
afterEach(() => cleanup.run())

function rawSocket(url: string, options: { origin?: string } = {}): RawSocket {
  const raw = openRawSocket(url, options)
  cleanup.add(() => raw.socket.terminate())
  return raw
}

async function expectRefused(raw: RawSocket, code: number) {
  const closed = await raw.closed
  expect(closed.code).toBe(code)
  // The refused socket never saw the document (nor anyone's presence).
  expect(raw.messages).toEqual([])
}

const claims = (boardId: string) => ({ userId: harness.userId, name: 'Test Facilitator', boardId, role: 'facilitator' as const })

describe('refused upgrades', () => {
  it('an upgrade without a token is closed with 4401', async () => {
    await expectRefused(rawSocket(syncSocketUrl(harness.syncUrl, harness.boardId)), 4401)
  })

  it('an empty token is closed with 4401', async () => {
    await expectRefused(rawSocket(syncSocketUrl(harness.syncUrl, harness.boardId, '')), 4401)
  })

  it('a token signed with another secret is closed with 4401', async () => {
    const forger = createRoomTokens({ secret: 'another-secret-another-secret-another-secret', ttlSeconds: 60 })
    const { token } = await forger.mint(claims(harness.boardId))
    await expectRefused(rawSocket(syncSocketUrl(harness.syncUrl, harness.boardId, token)), 4401)
  })

  it('a token that is not a JWT at all is closed with 4401', async () => {
    await expectRefused(rawSocket(syncSocketUrl(harness.syncUrl, harness.boardId, 'not.a.token')), 4401)
  })

  it('an expired token is closed with 4401', async () => {
    const anHourAgo = Date.now() - 3_600_000
    const past = createRoomTokens({ secret: TEST_SECRET, ttlSeconds: 60, now: () => anHourAgo })
    const { token } = await past.mint(claims(harness.boardId))
    await expectRefused(rawSocket(syncSocketUrl(harness.syncUrl, harness.boardId, token)), 4401)
  })

  it('a token for another board is closed with 4403', async () => {
    const otherBoard = await harness.createBoard()
    const token = await harness.mintToken({ boardId: otherBoard })
    await expectRefused(rawSocket(syncSocketUrl(harness.syncUrl, harness.boardId, token)), 4403)
  })

  it('another person’s private notes are closed with 4403; one’s own are let in', async () => {
    const token = await harness.mintToken()
    const theirs = privateDocId(harness.boardId, 'someone-else')
    await expectRefused(rawSocket(syncSocketUrl(harness.syncUrl, theirs, token)), 4403)
    const mine = rawSocket(syncSocketUrl(harness.syncUrl, privateDocId(harness.boardId, harness.userId), token))
    await eventually(() => expect(messageTypes(mine.messages)).toContain(0))
  })

  it('a board that does not exist is closed with 4404', async () => {
    const token = await harness.mintToken({ boardId: 'no-such-board' })
    await expectRefused(rawSocket(syncSocketUrl(harness.syncUrl, 'no-such-board', token)), 4404)
  })

  it('a page on a foreign origin is closed with 4403 even with a valid token', async () => {
    const token = await harness.mintToken()
    const url = syncSocketUrl(harness.syncUrl, harness.boardId, token)
    await expectRefused(rawSocket(url, { origin: 'http://evil.example' }), 4403)
  })

  it('a page on the server’s own origin is let in', async () => {
    const token = await harness.mintToken()
    const url = syncSocketUrl(harness.syncUrl, harness.boardId, token)
    const raw = rawSocket(url, { origin: `http://localhost:${harness.server.port}` })
    await raw.opened
    // The server greets a member with sync step 1.
    await eventually(() => expect(messageTypes(raw.messages)).toContain(0))
  })

  it.each(['/sync/a/b', '/sync/', '/other', '/sync'])('the path %s is answered with HTTP 404', async (path) => {
    const token = await harness.mintToken()
    const raw = rawSocket(`ws://localhost:${harness.server.port}${path}?token=${token}`)
    const outcome = await Promise.race([raw.refusedWithStatus, raw.closed.then(() => 'closed without an HTTP answer')])
    expect(outcome).toBe(404)
    expect(raw.messages).toEqual([])
  })

  it('the stock provider stops reconnecting after a refusal', async () => {
    const client = connectClient(harness.syncUrl, harness.boardId, 'forged')
    cleanup.add(() => client.destroy())
    const closed = await client.closed
    expect(closed.code).toBe(4401)
    expect(client.provider.shouldConnect).toBe(false)
    expect(client.provider.synced).toBe(false)
  })

  it('refused sockets do not load the board’s room', async () => {
    const board = await harness.createBoard()
    await expectRefused(rawSocket(syncSocketUrl(harness.syncUrl, board, 'forged')), 4401)
    expect(harness.services.sync.room(board)).toBeUndefined()
  })
})

describe('roles', () => {
  it('an observer receives the board but its edits are not applied', async () => {
    const board = await harness.createBoard()
    const facilitator = await joinBoard(harness, cleanup, { boardId: board })
    addNote(facilitator.doc, 'before', 'Före observatören')
    const observer = await joinBoard(harness, cleanup, { boardId: board, role: 'observer' })
    await eventually(() => expect(noteTexts(observer.doc)).toEqual(['Före observatören']))

    addNote(observer.doc, 'observer', 'Från observatören')
    // A later edit by a member reaches the observer: by then the observer's edit, sent first,
    // has been handled by the server.
    addNote(facilitator.doc, 'after', 'Efter observatören')
    await eventually(() => expect(noteTexts(observer.doc)).toContain('Efter observatören'))
    await eventually(() => expect(harness.services.sync.room(board)!.connections.size).toBe(2))

    expect(noteTexts(facilitator.doc)).toEqual(['Efter observatören', 'Före observatören'])
    expect(noteTexts(harness.services.sync.room(board)!.doc)).not.toContain('Från observatören')
    const stored = await loadStoredDoc(harness.services.store.docs, board)
    expect(noteTexts(stored)).not.toContain('Från observatören')
  })
})
