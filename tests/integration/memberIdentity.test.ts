/**
 * Who a member is, as others see it, is what their room token says — not what their client
 * writes (issue 12, items 4, 7 and 13): a note's author (`meta.createdBy`) and first writer
 * (`textFirstEditedBy`), tldraw's `user:` records, the name, role and branch label in presence, and the presence id a client announces under. Real server on port 0, stock
 * y-websocket clients, each with a token of its own person.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { TLNoteShape } from '@tldraw/tlschema'
import type { BoardRole } from '../../lib/auth/roles'
import { guestUserId } from '../../lib/auth/boardAccess'
import { hashInviteToken, newInviteToken } from '../../lib/auth/inviteToken'
import { openRecordStore, readRecords } from '../../lib/board/docLayout'
import { boardSchema } from '../../lib/board/schema'
import { writeSession } from '../../lib/board/session'
import { joinBoard, type BoardClient } from '../helpers/boardClients'
import { buildNote, loadStoredDoc, putNote } from '../helpers/boardNotes'
import { createCleanup } from '../helpers/cleanup'
import { encodeAwarenessClaim, openRawSocket, syncSocketUrl } from '../helpers/rawSocket'
import { eventually, startSyncHarness, type SyncHarness } from '../helpers/syncHarness'

const cleanup = createCleanup()
let harness: SyncHarness
let boardId: string
let people = 0

beforeAll(async () => {
  harness = await startSyncHarness()
})
afterAll(() => harness.close())
beforeEach(async () => {
  boardId = await harness.createBoard()
})
afterEach(() => cleanup.run())

/** A real member of the board, with a name of their own. */
async function member(name: string, role: BoardRole = 'participant'): Promise<{ userId: string; name: string; role: BoardRole }> {
  people++
  const user = await harness.services.store.users.create({ email: `person${people}@example.org`, name, passwordHash: null })
  await harness.services.store.boards.setRole(boardId, user.id, role)
  return { userId: user.id, name, role }
}

async function join(person: { userId: string; name: string; role: BoardRole }): Promise<BoardClient> {
  return joinBoard(harness, cleanup, { boardId, ...person })
}

const room = () => harness.services.sync.room(boardId)!
const recordOf = (id: string) => readRecords(room().doc).get(id) as TLNoteShape | undefined
const authorOf = (id: string) => recordOf(id)?.meta.createdBy

function noteBy(key: string, text: string, createdBy?: { id: string; name: string }): TLNoteShape {
  const note = buildNote({ key, text })
  return createdBy ? { ...note, meta: { ...note.meta, createdBy } } : note
}

describe('note authorship is the token’s', () => {
  it('a note written in someone else’s name is put in the writer’s own name, for everyone and in the store', async () => {
    const boss = await member('Chefen', 'facilitator')
    const mallory = await member('Mallory')
    const [attacker, viewer] = [await join(mallory), await join(await member('Vera'))]

    putNote(attacker.doc, noteBy('forged', 'I chefens namn', { id: boss.userId, name: boss.name }))
    putNote(attacker.doc, noteBy('own', 'Min egen', { id: mallory.userId, name: 'Någon annan' }))
    putNote(attacker.doc, noteBy('nameless', 'Utan namn'))

    await eventually(() => expect(authorOf('shape:forged')).toEqual({ id: mallory.userId, name: 'Mallory' }))
    expect(authorOf('shape:own')).toEqual({ id: mallory.userId, name: 'Mallory' })
    expect(recordOf('shape:nameless')?.meta).not.toHaveProperty('createdBy')
    // The correction reaches the others, the writer and the store; the text stays.
    await eventually(() => {
      for (const client of [viewer, attacker]) {
        const note = readRecords(client.doc).get('shape:forged') as TLNoteShape
        expect(note.meta.createdBy).toEqual({ id: mallory.userId, name: 'Mallory' })
      }
    })
    await room().drained()
    const stored = readRecords(await loadStoredDoc(harness.services.store.docs, boardId)).get('shape:forged') as TLNoteShape
    expect(stored.meta.createdBy).toEqual({ id: mallory.userId, name: 'Mallory' })
    // Nobody is disconnected for it: an honest client pasting someone's note does the same.
    expect(attacker.closeCodes).toEqual([])
  })

  it('nobody can change who wrote an existing note, nor take it over by deleting and re-creating it', async () => {
    const anna = await member('Anna')
    const mallory = await member('Mallory')
    const author = await join(anna)
    const attacker = await join(mallory)
    putNote(author.doc, noteBy('annas', 'Annas idé', { id: anna.userId, name: 'Anna' }))
    await eventually(() => expect(readRecords(attacker.doc).has('shape:annas')).toBe(true))

    // Renaming the author, or removing the name, of a note that is there.
    const current = readRecords(attacker.doc).get('shape:annas') as TLNoteShape
    putNote(attacker.doc, { ...current, meta: { ...current.meta, createdBy: { id: mallory.userId, name: 'Mallory' } } })
    await eventually(() => expect(readRecords(attacker.doc).get('shape:annas')).toMatchObject({ meta: { createdBy: { id: anna.userId } } }))
    putNote(attacker.doc, { ...current, meta: { areaId: null }, props: { ...current.props, color: 'red' } })
    await eventually(() => expect(recordOf('shape:annas')?.props.color).toBe('red'))
    expect(authorOf('shape:annas')).toEqual({ id: anna.userId, name: 'Anna' })
    // The server puts the author back with a write of its own: the attacker deletes what it has
    // seen of that, as a person deletes what is on their screen (a delete concurrent with the
    // server's write would lose to it, as any Yjs map's delete loses to a concurrent set).
    await eventually(() =>
      expect(readRecords(attacker.doc).get('shape:annas')).toMatchObject({
        props: { color: 'red' },
        meta: { createdBy: { id: anna.userId } },
      }),
    )

    // Deleting it and writing it back (what an undo does) keeps its author too.
    const records = readRecords(attacker.doc)
    const kept = records.get('shape:annas') as TLNoteShape
    const { openRecordStore } = await import('../../lib/board/docLayout')
    openRecordStore(attacker.doc).delete('shape:annas')
    await eventually(() => expect(recordOf('shape:annas')).toBeUndefined())
    putNote(attacker.doc, { ...kept, meta: { ...kept.meta, createdBy: { id: mallory.userId, name: 'Mallory' } } })
    await eventually(() => expect(recordOf('shape:annas')).toBeDefined())
    await eventually(() => expect(authorOf('shape:annas')).toEqual({ id: anna.userId, name: 'Anna' }))
  })

  it('on an anonymous board a new note carries no author, whatever the client writes', async () => {
    const bo = await member('Bo')
    const client = await join(bo)
    await harness.services.sync.changeDoc(boardId, (doc) => writeSession(doc, { anonymous: true }))
    putNote(client.doc, noteBy('anon', 'Anonym idé', { id: bo.userId, name: 'Bo' }))
    await eventually(() => expect(recordOf('shape:anon')).toBeDefined())
    await eventually(() => expect(recordOf('shape:anon')?.meta).not.toHaveProperty('createdBy'))
    await eventually(() => expect((readRecords(client.doc).get('shape:anon') as TLNoteShape).meta).not.toHaveProperty('createdBy'))
  })
})

describe('tldraw’s own attribution is the token’s', () => {
  const firstWriterOf = (doc: BoardClient['doc'] | ReturnType<typeof room>['doc'], id: string) =>
    (readRecords(doc).get(id) as TLNoteShape | undefined)?.props.textFirstEditedBy

  it('a note’s first writer (textFirstEditedBy) is the socket’s own person, and stays once set', async () => {
    const boss = await member('Chefen', 'facilitator')
    const vera = await member('Vera')
    const mallory = await member('Mallory')
    const [honest, attacker] = [await join(vera), await join(mallory)]
    putNote(honest.doc, {
      ...noteBy('veras', 'Veras idé'),
      props: { ...noteBy('veras', 'Veras idé').props, textFirstEditedBy: vera.userId },
    })
    await eventually(() => expect(firstWriterOf(room().doc, 'shape:veras')).toBe(vera.userId))
    // Mallory re-attributes the note once her copy has it (the server relays it after storing it).
    await eventually(() => expect(readRecords(attacker.doc).has('shape:veras')).toBe(true))

    // A new note "first written" by the boss, and Vera's note re-attributed to Mallory.
    const forged = noteBy('forged-first', 'Chefens ord')
    putNote(attacker.doc, { ...forged, props: { ...forged.props, textFirstEditedBy: boss.userId } })
    const taken = readRecords(attacker.doc).get('shape:veras') as TLNoteShape
    putNote(attacker.doc, { ...taken, props: { ...taken.props, textFirstEditedBy: mallory.userId } })

    await eventually(() => expect(firstWriterOf(room().doc, 'shape:forged-first')).toBe(mallory.userId))
    await eventually(() => expect(firstWriterOf(honest.doc, 'shape:veras')).toBe(vera.userId))
    expect(firstWriterOf(room().doc, 'shape:veras')).toBe(vera.userId)
    await room().drained()
    const stored = await loadStoredDoc(harness.services.store.docs, boardId)
    expect(firstWriterOf(stored, 'shape:forged-first')).toBe(mallory.userId)
    expect(firstWriterOf(stored, 'shape:veras')).toBe(vera.userId)
    expect(attacker.closeCodes).toEqual([])
  })

  it('on an anonymous board a note names no first writer', async () => {
    const bo = await member('Bo')
    const client = await join(bo)
    await harness.services.sync.changeDoc(boardId, (doc) => writeSession(doc, { anonymous: true }))
    const note = noteBy('anon-first', 'Anonym')
    putNote(client.doc, { ...note, props: { ...note.props, textFirstEditedBy: bo.userId } })
    await eventually(() => expect(recordOf('shape:anon-first')).toBeDefined())
    await eventually(() => expect(firstWriterOf(room().doc, 'shape:anon-first')).toBeNull())
  })

  it('a socket writes only its own person’s user record, under the token’s name', async () => {
    const boss = await member('Chefen', 'facilitator')
    const mallory = await member('Mallory')
    const [owner, attacker] = [await join(boss), await join(mallory)]
    const userRecord = (userId: string, name: string) => ({
      id: `user:${userId}`,
      typeName: 'user',
      name,
      color: '#123456',
      imageUrl: '',
      meta: {},
    })
    const bossRecord = userRecord(boss.userId, 'Chefen')
    boardSchema.types.user.validate(bossRecord)
    openRecordStore(owner.doc).set(bossRecord.id, bossRecord as never)
    await eventually(() => expect(readRecords(room().doc).get(bossRecord.id)).toMatchObject({ name: 'Chefen' }))

    // Mallory renames the boss (so every note the boss wrote shows her words), and names herself "Chefen".
    openRecordStore(attacker.doc).set(bossRecord.id, { ...bossRecord, name: 'Mallory' } as never)
    openRecordStore(attacker.doc).set(`user:${mallory.userId}`, userRecord(mallory.userId, 'Chefen') as never)
    openRecordStore(attacker.doc).set('user:nobody', userRecord('nobody', 'Ingen') as never)
    await eventually(() => expect(readRecords(room().doc).get(`user:${mallory.userId}`)).toMatchObject({ name: 'Mallory' }))
    expect(readRecords(room().doc).get(bossRecord.id)).toMatchObject({ name: 'Chefen' })
    expect(readRecords(room().doc).has('user:nobody')).toBe(false)
    await eventually(() => expect(readRecords(owner.doc).get(bossRecord.id)).toMatchObject({ name: 'Chefen' }))
    expect(attacker.closeCodes).toEqual([])
  })
})

describe('presence identity is the token’s', () => {
  it('presence naming another person, or a higher role, shows the sender’s own name and role', async () => {
    const boss = await member('Chefen', 'facilitator')
    const mallory = await member('Mallory')
    const attacker = await join(mallory)
    const viewer = await join(await member('Vera'))
    attacker.provider.awareness.setLocalStateField('member', { id: boss.userId, name: 'Chefen', role: 'facilitator', label: 'Ledning' })
    attacker.provider.awareness.setLocalStateField('presence', {
      typeName: 'instance_presence',
      id: 'instance_presence:x',
      userId: `user:${boss.userId}`,
      userName: 'Chefen',
      selectedShapeIds: [],
    })
    await eventually(() => {
      const seen = viewer.provider.awareness.getStates().get(attacker.doc.clientID) as Record<string, Record<string, unknown>>
      expect(seen.member).toMatchObject({ id: mallory.userId, name: 'Mallory', role: 'participant' })
      expect(seen.presence).toMatchObject({ userId: `user:${mallory.userId}`, userName: 'Mallory' })
    })
    expect(attacker.closeCodes).toEqual([])
  })

  it('a guest’s branch label in presence is their invite link’s; staff show none, whatever the client says', async () => {
    const invite = await harness.services.store.invites.create({
      boardId,
      role: 'participant',
      label: 'Filial Bredäng',
      createdBy: harness.userId,
      expiresAt: Date.now() + 60_000,
      tokenHash: hashInviteToken(newInviteToken()),
    })
    const guest = await harness.services.store.guests.create({ boardId, inviteId: invite.id, name: 'Gunnel' })
    const guestClient = await join({ userId: guestUserId(guest.id), name: 'Gunnel', role: 'participant' })
    const staff = await join(await member('Per'))
    const viewer = await join(await member('Vera'))
    guestClient.provider.awareness.setLocalStateField('member', {
      id: guestUserId(guest.id),
      name: 'Gunnel',
      role: 'participant',
      label: 'Ledningsgruppen',
    })
    staff.provider.awareness.setLocalStateField('member', { id: 'x', name: 'Per', role: 'participant', label: 'Huvudbiblioteket' })
    await eventually(() => {
      const states = viewer.provider.awareness.getStates() as Map<number, Record<string, Record<string, unknown>>>
      expect(states.get(guestClient.doc.clientID)?.member).toMatchObject({ name: 'Gunnel', label: 'Filial Bredäng' })
      expect(states.get(staff.doc.clientID)?.member).toMatchObject({ name: 'Per', label: null })
    })
  })

  it('a selection in presence names only records of the shared board: private-note ids do not go out', async () => {
    const bo = await member('Bo')
    const client = await join(bo)
    const viewer = await join(await member('Vera'))
    putNote(client.doc, buildNote({ key: 'shared', text: 'Delad' }))
    await eventually(() => expect(recordOf('shape:shared')).toBeDefined())
    client.provider.awareness.setLocalStateField('presence', {
      typeName: 'instance_presence',
      id: 'instance_presence:bo',
      userId: `user:${bo.userId}`,
      userName: 'Bo',
      selectedShapeIds: ['shape:shared', 'shape:my-private-note'],
    })
    await eventually(() => {
      const seen = viewer.provider.awareness.getStates().get(client.doc.clientID) as { presence?: { selectedShapeIds: string[] } }
      expect(seen.presence?.selectedShapeIds).toEqual(['shape:shared'])
    })
    expect(JSON.stringify([...room().awareness.getStates().values()])).not.toContain('my-private-note')
  })
})

describe('presence ids belong to whoever first claimed them', () => {
  it('nobody can take a departed member’s presence id: the member comes back and is never closed as a forger', async () => {
    const alice = await join(await member('Alice'))
    const mallory = await member('Mallory')
    const bob = await join(await member('Bob'))
    const aliceId = alice.doc.clientID
    alice.provider.awareness.setLocalStateField('user', { name: 'Alice' })
    await eventually(() => expect(bob.provider.awareness.getStates().get(aliceId)).toEqual({ user: { name: 'Alice' } }))

    alice.provider.disconnect()
    await eventually(() => expect(room().awareness.getStates().has(aliceId)).toBe(false))

    // Mallory saw Alice's id in presence and claims it with a newer clock while she is away.
    const squatter = openRawSocket(syncSocketUrl(harness.syncUrl, boardId, await harness.mintToken({ boardId, ...mallory })))
    cleanup.add(() => squatter.socket.terminate())
    await squatter.opened
    const clock = room().awareness.meta.get(aliceId)!.clock
    squatter.send(encodeAwarenessClaim([{ clientId: aliceId, clock: clock + 5, state: { user: { name: 'Mallory som Alice' } } }]))
    expect((await squatter.closed).code).toBe(4400)
    expect(room().awareness.getStates().has(aliceId)).toBe(false)

    // Alice returns on the same id and goes on announcing herself; she is never refused.
    alice.provider.connect()
    await eventually(() => expect(alice.provider.synced).toBe(true))
    for (let i = 1; i <= 3; i++) {
      alice.provider.awareness.setLocalStateField('user', { name: `Alice ${i}` })
      await new Promise((resolve) => setTimeout(resolve, 60))
    }
    await eventually(() => expect(bob.provider.awareness.getStates().get(aliceId)).toEqual({ user: { name: 'Alice 3' } }))
    expect(alice.closeCodes.filter((code) => code !== null)).toEqual([])
  })
})
