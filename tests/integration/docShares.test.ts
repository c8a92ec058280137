/**
 * One member cannot fill a board for everyone: each person, and each invite link's guests
 * together, may have written only their share of the document; the server's own writes (the
 * reveal, notes from phones) obey the document's limit too; and a browser refused for size
 * says so and waits, instead of re-sending the refused change forever.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import WS from 'ws'
import * as Y from 'yjs'
import { guestUserId } from '../../lib/auth/boardAccess'
import { hashInviteToken, newInviteToken } from '../../lib/auth/inviteToken'
import { DocFullError } from '../../lib/board/docFull'
import { privateDocId } from '../../lib/board/docIds'
import { deleteRecords, readRecords, recordsArray } from '../../lib/board/docLayout'
import { putNotes } from '../../lib/board/noteRecord'
import { sendIdea } from '../../lib/facilitation/sendIdea'
import { connectBoard, type ConnectionState } from '../../lib/sync/connectBoard'
import { joinBoard } from '../helpers/boardClients'
import { addNote, buildNote, noteTexts } from '../helpers/boardNotes'
import { createCleanup } from '../helpers/cleanup'
import { encodeSyncUpdate, openRawSocket, syncSocketUrl, type RawSocket } from '../helpers/rawSocket'
import { eventually, startSyncHarness, type SyncHarness } from '../helpers/syncHarness'

const PERSON = 64 * 1024
const INVITE = 96 * 1024
const DOC = 512 * 1024
const cleanup = createCleanup()
let harness: SyncHarness

beforeAll(async () => {
  harness = await startSyncHarness({
    SYNC_MAX_DOC_BYTES: String(DOC),
    SYNC_MAX_DOC_BYTES_PER_PERSON: String(PERSON),
    SYNC_MAX_DOC_BYTES_PER_INVITE: String(INVITE),
  })
})
afterAll(() => harness.close())
afterEach(() => cleanup.run())

const longText = (label: string) => `${label} ${'x'.repeat(1800)}`

/** One valid note of about 2 KB as a raw update from a doc of its own. */
function noteUpdate(key: string): Uint8Array {
  const doc = new Y.Doc()
  const note = buildNote({ key, text: longText(key) })
  recordsArray(doc).push([{ key: note.id, val: note }])
  const update = Y.encodeStateAsUpdate(doc)
  doc.destroy()
  return update
}

async function rawMember(boardId: string, userId: string, name: string): Promise<RawSocket> {
  const token = await harness.mintToken({ boardId, userId, name, role: 'participant' })
  const raw = openRawSocket(syncSocketUrl(harness.syncUrl, boardId, token))
  cleanup.add(() => raw.socket.terminate())
  await raw.opened
  return raw
}

/** Sends notes from `raw`, one a message, until the server closes it; resolves with the code. */
async function fillUntilClosed(raw: RawSocket, prefix: string): Promise<number> {
  let open = true
  void raw.closed.then(() => (open = false))
  for (let i = 0; open && i < 400; i++) {
    raw.send(encodeSyncUpdate(noteUpdate(`${prefix}-${i}`)))
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
  return (await raw.closed).code
}

/** Bytes of the live records whose id contains `marker`, as the share counts them. */
function liveBytes(doc: Y.Doc, marker: string): number {
  return (recordsArray(doc).toArray() as { key: string }[])
    .filter((entry) => entry.key.includes(marker))
    .reduce((n, entry) => n + JSON.stringify(entry).length, 0)
}

async function member(boardId: string, label: string) {
  const user = await harness.services.store.users.create({
    email: `${label}-${Math.random()}@example.org`,
    name: label,
    passwordHash: null,
  })
  await harness.services.store.boards.setRole(boardId, user.id, 'participant')
  return user
}

describe('a person’s share of the document', () => {
  it('four sockets of one person together stop at their share; others go on, and deleting frees it', async () => {
    const boardId = await harness.createBoard()
    const mallory = await member(boardId, 'mallory')
    const honest = await joinBoard(harness, cleanup, { boardId, role: 'participant' })
    const sockets = await Promise.all([0, 1, 2, 3].map(() => rawMember(boardId, mallory.id, 'Mallory')))

    const codes = await Promise.all(sockets.map((raw, i) => fillUntilClosed(raw, `mallory${i}`)))
    expect(codes).toEqual([4413, 4413, 4413, 4413])
    const room = harness.services.sync.room(boardId)!
    // At most one message per socket past the share.
    expect(liveBytes(room.doc, 'mallory')).toBeLessThanOrEqual(PERSON + 4 * 3 * 1024)
    expect(liveBytes(room.doc, 'mallory')).toBeGreaterThan(PERSON / 2)

    addNote(honest.doc, 'honest-1', 'Ärlig efter attacken')
    await eventually(() => expect(noteTexts(room.doc)).toContain('Ärlig efter attacken'))
    expect(honest.closeCodes).toEqual([])

    // The facilitator cleans up: Mallory's share is free again.
    const ids = [...readRecords(room.doc).keys()].filter((id) => id.includes('mallory'))
    await harness.services.sync.changeDoc(boardId, (doc) => deleteRecords(doc, ids))
    const again = await rawMember(boardId, mallory.id, 'Mallory')
    again.send(encodeSyncUpdate(noteUpdate('mallory-again')))
    await eventually(() => expect([...readRecords(room.doc).keys()]).toContain('shape:mallory-again'))
  })

  it('the guests of one invite link share one budget, however many guests the link mints', async () => {
    const boardId = await harness.createBoard()
    const invite = await harness.services.store.invites.create({
      boardId,
      role: 'participant',
      label: 'Filial',
      createdBy: harness.userId,
      expiresAt: Date.now() + 60_000,
      tokenHash: hashInviteToken(newInviteToken()),
    })
    const codes: number[] = []
    for (let g = 0; g < 3; g++) {
      const guest = await harness.services.store.guests.create({ boardId, inviteId: invite.id, name: `Gäst ${g}` })
      codes.push(await fillUntilClosed(await rawMember(boardId, guestUserId(guest.id), `Gäst ${g}`), `guest${g}`))
    }
    expect(codes).toEqual([4413, 4413, 4413])
    const room = harness.services.sync.room(boardId)!
    expect(liveBytes(room.doc, 'guest')).toBeLessThanOrEqual(INVITE + 3 * 1024)
    // The first guest stopped at their own share; the others only at the link's.
    expect(liveBytes(room.doc, 'guest0')).toBeGreaterThan(PERSON - 3 * 1024)
    expect(liveBytes(room.doc, 'guest2')).toBeLessThan(PERSON / 2)
  })
})

describe('the server’s own writes', () => {
  it('a reveal that would pass the document limit stops there; the rest stays private, nothing is lost', async () => {
    const boardId = await harness.createBoard()
    const command = (type: 'private.start' | 'private.reveal') => harness.facilitate({ type }, { boardId })
    await command('private.start')
    const round = await harness.services.sync.readDoc(boardId, (doc) => (doc.getMap('session').get('privateRound') as { id: string }).id)
    const people = [await member(boardId, 'anna'), await member(boardId, 'bertil')]
    for (const person of people) {
      const notes = Array.from({ length: 150 }, (_, i) => {
        const note = buildNote({ key: `${person.name}-${i}`, text: longText(person.name) })
        return { ...note, meta: { ...note.meta, privateRound: round } }
      })
      await harness.services.context.sync.changeDoc(privateDocId(boardId, person.id), (doc) => putNotes(doc, notes))
    }
    await expect(command('private.reveal')).rejects.toBeInstanceOf(DocFullError)
    const size = await harness.services.sync.readDoc(boardId, (doc) => Y.encodeStateAsUpdate(doc).byteLength)
    expect(size).toBeLessThanOrEqual(DOC)
    // One person's notes were published, the other's stay in their private document.
    const left = await Promise.all(
      people.map((person) => harness.services.sync.readDoc(privateDocId(boardId, person.id), (doc) => readRecords(doc).size)),
    )
    expect(left.sort()).toEqual([0, 150])
    const published = await harness.services.sync.readDoc(boardId, (doc) => noteTexts(doc).length)
    expect(published).toBe(150)
  })

  it('a note from a phone is refused once the board is full', async () => {
    const boardId = await harness.createBoard()
    const filler = Array.from({ length: 200 }, (_, i) => buildNote({ key: `filler-${i}`, text: longText('fyll') }))
    await harness.services.context.sync.changeDoc(boardId, (doc) => putNotes(doc, filler))
    const send = () =>
      sendIdea(
        harness.services.context.sync,
        boardId,
        { userId: harness.userId, name: 'F', role: 'facilitator' },
        { areaId: 'ekonomi', text: longText('telefon') },
      )
    let refused: unknown = null
    for (let i = 0; i < 100 && refused === null; i++) await send().catch((error) => (refused = error))
    expect(refused).toBeInstanceOf(DocFullError)
    expect(await harness.services.sync.readDoc(boardId, (doc) => Y.encodeStateAsUpdate(doc).byteLength)).toBeLessThanOrEqual(DOC)
  })
})

describe('a browser refused for size', () => {
  it('shows the board as full and waits; trying again after room was made sends the change', async () => {
    const boardId = await harness.createBoard()
    const person = await member(boardId, 'cecilia')
    const doc = new Y.Doc()
    const connection = connectBoard({
      boardId,
      doc,
      WebSocketPolyfill: WS as unknown as typeof WebSocket,
      fetchTicket: async () => ({
        token: await harness.mintToken({ boardId, userId: person.id, name: 'Cecilia', role: 'participant' }),
        url: harness.syncUrl,
        expiresAt: Date.now() + 60_000,
      }),
    })
    const states: ConnectionState[] = []
    connection.onState((state) => states.push(state))
    cleanup.add(() => {
      connection.destroy()
      doc.destroy()
    })
    await connection.synced
    const notes = Array.from({ length: 40 }, (_, i) => buildNote({ key: `cecilia-${i}`, text: longText('c') }))
    putNotes(doc, notes)
    await eventually(() => expect(connection.getState()).toBe('doc-full'))
    const room = harness.services.sync.room(boardId)!
    // It stays refused and does not come back by itself: a sentinel round trip of another
    // client passes while no socket of Cecilia's is in the room.
    const other = await joinBoard(harness, cleanup, { boardId })
    addNote(other.doc, 'sentinel', 'Vaktpost')
    await eventually(() => expect(noteTexts(room.doc)).toContain('Vaktpost'))
    expect([...room.connections.values()].filter((c) => c.principal.userId === person.id)).toEqual([])
    expect(connection.getState()).toBe('doc-full')
    expect(states.filter((state) => state === 'doc-full')).toHaveLength(1)

    // Room is made (the board's records are not hers), and she tries again: the change that fits lands.
    await harness.services.context.sync.changeDoc(boardId, (d) =>
      deleteRecords(
        d,
        notes.slice(20).map((n) => n.id),
      ),
    )
    deleteRecords(
      doc,
      notes.slice(20).map((n) => n.id),
    )
    connection.retryNow()
    await eventually(() => expect(connection.getState()).toBe('connected'), 10_000)
    await eventually(() => expect(readRecords(room.doc).has(notes[0].id)).toBe(true))
  })
})
