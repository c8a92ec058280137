import {
  CameraRecordType,
  DocumentRecordType,
  HistoryManager,
  PageRecordType,
  TLDOCUMENT_ID,
  createTLStore,
  type IndexKey,
  type TLNoteShape,
  type TLRecord,
  type TLStore,
} from 'tldraw'
import { afterEach, describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import { createBoardDoc } from '../board/createBoardDoc'
import { openRecordStore, readBoardMeta, recordsArray, readRecords, writeBoardMeta } from '../board/docLayout'
import { boardSchema } from '../board/schema'
import { BOARD_PAGE_ID } from '../board/template'
import { makeNoteShape } from '../board/testing/makeNoteShape'
import { BoardSchemaError, bindStoreToDoc, type BindOptions, type StoreDocBinding } from './bindStoreToDoc'
import { REMOTE, linkDocs } from './testing/linkPeers'

const disposers: (() => void)[] = []
afterEach(() => {
  while (disposers.length) disposers.pop()!()
})

const newStore = () => createTLStore({ schema: boardSchema })

function bind(doc: Y.Doc, options: Partial<BindOptions> = {}): { store: TLStore; binding: StoreDocBinding } {
  const store = newStore()
  const binding = bindStoreToDoc({ store, doc, ...options })
  disposers.push(() => binding.dispose())
  return { store, binding }
}

/** Two clients of one board, their docs linked in-process as the sync server would link them. */
function twoClients(options: Partial<BindOptions> = {}, optionsOfB: Partial<BindOptions> = {}) {
  const docA = createBoardDoc({ name: 'Test', locale: 'sv', includeStarterNotes: false })
  const docB = new Y.Doc()
  const link = linkDocs(docA, docB)
  disposers.push(() => link.unlink())
  const a = bind(docA, options)
  const b = bind(docB, { ...options, ...optionsOfB })
  return { docA, docB, link, a, b }
}

const note = (id: string, text = id) => makeNoteShape({ id, x: 10, y: 20, text })
const docNote = (doc: Y.Doc, id: string) => readRecords(doc).get(note(id).id) as TLNoteShape | undefined
const storeNote = (store: TLStore, id: string) => store.get(note(id).id) as TLNoteShape | undefined

/** Our serialized schema, and the version of the note's props in it. */
function ourSchema() {
  const schema = boardSchema.serialize()
  if (!('sequences' in schema)) throw new Error('expected a version 2 schema')
  return { schema, noteVersion: schema.sequences['com.tldraw.shape.note']! }
}

/** Our serialized schema with the note's props at another version. */
function schemaWithNoteVersion(version: number) {
  const { schema } = ourSchema()
  return { ...schema, sequences: { ...schema.sequences, 'com.tldraw.shape.note': version } }
}

/** Counts the doc's own transactions that changed something (not the ones relayed to it). */
function countLocalUpdates(doc: Y.Doc): { count: number } {
  const counter = { count: 0 }
  const onUpdate = (_update: Uint8Array, origin: unknown) => {
    if (origin !== REMOTE) counter.count++
  }
  doc.on('update', onUpdate)
  disposers.push(() => doc.off('update', onUpdate))
  return counter
}

/** Records every change a store reports with the given source. */
function changesFrom(store: TLStore, source: 'user' | 'remote'): TLRecord['id'][][] {
  const seen: TLRecord['id'][][] = []
  const stop = store.listen(
    ({ changes }) =>
      seen.push([...Object.keys(changes.added), ...Object.keys(changes.updated), ...Object.keys(changes.removed)] as TLRecord['id'][]),
    { source, scope: 'document' },
  )
  disposers.push(stop)
  return seen
}

describe('loading a board', () => {
  it('fills the store with every record of the board’s doc', () => {
    const doc = createBoardDoc({ name: 'Test', locale: 'sv', includeStarterNotes: true })
    const { store } = bind(doc)
    const inDoc = readRecords(doc)
    expect(inDoc.size).toBeGreaterThan(50)
    for (const [id, record] of inDoc) expect(store.get(id as TLRecord['id'])).toEqual(record)
  })

  it('seeds an empty doc with the store’s document records and our schema', () => {
    const store = newStore()
    const page = PageRecordType.create({ id: BOARD_PAGE_ID, name: 'Board', index: 'a1' as IndexKey })
    const document = DocumentRecordType.create({ id: TLDOCUMENT_ID })
    const camera = CameraRecordType.create({ id: CameraRecordType.createId(BOARD_PAGE_ID) })
    store.put([document, page, camera, note('n1')])
    const doc = new Y.Doc()
    bindStoreToDoc({ store, doc }).dispose()
    // The camera is this user's own (session scope) and stays out of the shared doc.
    expect([...readRecords(doc).keys()].sort()).toEqual([document.id, page.id, note('n1').id].sort())
    expect(readBoardMeta(doc).schema).toEqual(boardSchema.serialize())
  })

  it('refuses a board saved with a newer schema than ours, as a newer version', () => {
    const doc = createBoardDoc({ name: 'Test', locale: 'sv', includeStarterNotes: false })
    writeBoardMeta(doc, { schema: schemaWithNoteVersion(ourSchema().noteVersion + 1) })

    const store = newStore()
    let thrown: unknown
    try {
      bindStoreToDoc({ store, doc })
    } catch (error) {
      thrown = error
    }
    expect(thrown).toBeInstanceOf(BoardSchemaError)
    expect((thrown as BoardSchemaError).newerVersion).toBe(true)
    expect(store.allRecords()).toEqual([])
  })

  it('migrates a board saved with an older schema, in the store and in the doc', () => {
    const doc = createBoardDoc({ name: 'Test', locale: 'sv', includeStarterNotes: false })
    // Version 12 of the note's props turned an absolute fontSizeAdjustment of 0 into the ratio 1.
    expect(ourSchema().noteVersion).toBe(12)
    writeBoardMeta(doc, { schema: schemaWithNoteVersion(11) })
    const old = note('old')
    openRecordStore(doc).set(old.id, { ...old, props: { ...old.props, fontSizeAdjustment: 0 } })

    const { store } = bind(doc)
    expect(storeNote(store, 'old')).toEqual(old)
    expect(docNote(doc, 'old')).toEqual(old)
    expect(readBoardMeta(doc).schema).toEqual(ourSchema().schema)
  })

  it('refuses a board with records but no schema, not as a newer version', () => {
    const doc = new Y.Doc()
    openRecordStore(doc).set(note('orphan').id, note('orphan'))
    expect(() => bindStoreToDoc({ store: newStore(), doc })).toThrow(
      expect.objectContaining({ name: 'BoardSchemaError', newerVersion: false }),
    )
  })
})

describe('local changes', () => {
  it('a note added to one store reaches the doc after the flush interval, and the other store', async () => {
    const { docA, a, b } = twoClients({ flushIntervalMs: 20 })
    a.store.put([note('n1', 'Hej')])
    expect(docNote(docA, 'n1')).toBeUndefined()
    await vi.waitFor(() => expect(docNote(docA, 'n1')).toEqual(note('n1', 'Hej')))
    expect(storeNote(b.store, 'n1')).toEqual(note('n1', 'Hej'))
  })

  it('updates and deletes travel from A to B and from B to A', () => {
    const { docA, docB, a, b } = twoClients()
    a.store.put([note('n1', 'first')])
    a.binding.flush()

    b.store.update(note('n1').id, (r) => ({ ...r, x: 300 }))
    b.binding.flush()
    expect(storeNote(a.store, 'n1')?.x).toBe(300)
    expect(docNote(docA, 'n1')?.x).toBe(300)

    a.store.update(note('n1').id, (r) => ({ ...r, y: 400 }))
    a.binding.flush()
    expect(storeNote(b.store, 'n1')).toMatchObject({ x: 300, y: 400 })

    b.store.remove([note('n1').id])
    b.binding.flush()
    expect(a.store.has(note('n1').id)).toBe(false)
    expect(docNote(docA, 'n1')).toBeUndefined()

    a.store.put([note('n2')])
    a.binding.flush()
    a.store.remove([note('n2').id])
    a.binding.flush()
    expect(b.store.has(note('n2').id)).toBe(false)
    expect(docNote(docB, 'n2')).toBeUndefined()
  })

  it('a client never re-applies its own change, and the receiver does not send it back', () => {
    const { link, a, b } = twoClients()
    const echoedToA = changesFrom(a.store, 'remote')
    const mergedAtA = vi.spyOn(a.store, 'mergeRemoteChanges')
    const arrivedAtB = changesFrom(b.store, 'remote')
    const sentBefore = link.received.a

    a.store.put([note('n1')])
    a.binding.flush()
    a.store.update(note('n1').id, (r) => ({ ...r, x: 99 }))
    a.binding.flush()

    expect(arrivedAtB).toEqual([[note('n1').id], [note('n1').id]])
    expect(echoedToA).toEqual([])
    // Not even as a no-op: the writer does not merge its own transactions at all.
    expect(mergedAtA).not.toHaveBeenCalled()
    expect(link.received.a).toBe(sentBefore)
  })

  it('many quick updates of one record in one task become one transaction', async () => {
    const { docA, a, b } = twoClients({ flushIntervalMs: 20 })
    const updates = countLocalUpdates(docA)
    const arrivedAtB = changesFrom(b.store, 'remote')
    a.store.put([note('n1')])
    for (let x = 1; x <= 50; x++) a.store.update(note('n1').id, (r) => ({ ...r, x }))

    await vi.waitFor(() => expect(docNote(docA, 'n1')?.x).toBe(50))
    await new Promise((resolve) => setTimeout(resolve, 60))
    expect(updates.count).toBe(1)
    expect(arrivedAtB).toHaveLength(1)
    expect(storeNote(b.store, 'n1')?.x).toBe(50)
  })

  it('a drag of many moves costs one transaction per flush interval, plus the first move', async () => {
    const flushIntervalMs = 400
    const { docA, a } = twoClients({ flushIntervalMs })
    a.store.put([note('n1')])
    a.binding.flush()
    await new Promise((resolve) => setTimeout(resolve, flushIntervalMs))
    const updates = countLocalUpdates(docA)

    const started = Date.now()
    for (let x = 1; x <= 20; x++) {
      a.store.update(note('n1').id, (r) => ({ ...r, x }))
      await new Promise((resolve) => setTimeout(resolve, 5))
    }
    const dragMs = Date.now() - started
    await vi.waitFor(() => expect(docNote(docA, 'n1')?.x).toBe(20), { timeout: 3000 })
    // The first move is written at once; the rest wait for the interval to pass.
    expect(updates.count).toBeLessThanOrEqual(Math.ceil(dragMs / flushIntervalMs) + 1)
    expect(updates.count).toBeLessThan(20)
  })
})

describe('remote changes', () => {
  it('arrive with source remote and stay out of the receiver’s undo history', () => {
    const { a, b } = twoClients()
    const history = new HistoryManager({ store: b.store })
    disposers.push(() => history.dispose())
    const asUserAtB = changesFrom(b.store, 'user')

    a.store.put([note('from-a')])
    a.binding.flush()
    expect(b.store.has(note('from-a').id)).toBe(true)
    expect(asUserAtB).toEqual([])
    expect(history.getNumUndos()).toBe(0)

    // B's own edit is undoable, and undoing it leaves A's note alone.
    b.store.put([note('from-b')])
    expect(history.getNumUndos()).toBe(1)
    history.undo()
    expect(b.store.has(note('from-b').id)).toBe(false)
    expect(b.store.has(note('from-a').id)).toBe(true)
  })

  it('an invalid record is skipped and reported, while valid records of the same transaction apply', () => {
    const invalid: unknown[] = []
    const { docA, b } = twoClients({}, { onInvalidRecord: (record) => invalid.push(record) })
    const broken = note('broken') as unknown as { props: Record<string, unknown> }
    delete broken.props.color
    const records = openRecordStore(docA)
    docA.transact(() => {
      records.set(note('good').id, note('good'))
      records.set(note('broken').id, broken as unknown as TLRecord)
    })

    expect(invalid).toEqual([broken])
    expect(storeNote(b.store, 'good')).toEqual(note('good'))
    expect(b.store.has(note('broken').id)).toBe(false)
  })

  it('an invalid update of a known record leaves the last valid version in the store', () => {
    const invalid: unknown[] = []
    const { docA, a, b } = twoClients({}, { onInvalidRecord: (record) => invalid.push(record) })
    a.store.put([note('n1', 'valid')])
    a.binding.flush()
    openRecordStore(docA).set(note('n1').id, { ...note('n1'), x: 'far away' } as unknown as TLRecord)

    expect(invalid).toHaveLength(1)
    expect(storeNote(b.store, 'n1')).toEqual(note('n1', 'valid'))
  })
})

describe('concurrent edits', () => {
  const agreed = (docA: Y.Doc, docB: Y.Doc, a: TLStore, b: TLStore, id: string) => {
    const version = docNote(docA, id)
    expect(docNote(docB, id)).toEqual(version)
    expect(storeNote(a, id)).toEqual(version)
    expect(storeNote(b, id)).toEqual(version)
  }

  it('when A and B write one note at the same moment, both stores and both docs end on the same version', () => {
    const { docA, docB, link, a, b } = twoClients()
    a.store.put([note('n1')])
    a.binding.flush()

    link.hold()
    a.store.update(note('n1').id, (r) => ({ ...r, x: 111 }))
    a.binding.flush()
    b.store.update(note('n1').id, (r) => ({ ...r, y: 222 }))
    b.binding.flush()
    link.release()

    agreed(docA, docB, a.store, b.store, 'n1')
    // No key is left twice in the doc's record list.
    expect(recordsArray(docA).length).toBe(readRecords(docA).size)
  })

  it('a remote update of a note with an unflushed local edit leaves store and doc in agreement', () => {
    const { docA, docB, a, b } = twoClients({ flushIntervalMs: 10_000 })
    a.store.put([note('n1')])
    a.binding.flush()

    a.store.update(note('n1').id, (r) => ({ ...r, x: 111 }))
    b.store.update(note('n1').id, (r) => ({ ...r, y: 222 }))
    b.binding.flush()
    a.binding.flush()

    // A wrote last, so its version wins, whole (records are the unit of merging).
    agreed(docA, docB, a.store, b.store, 'n1')
    expect(docNote(docA, 'n1')).toMatchObject({ x: 111, y: 20 })
  })

  it('a remote delete of a note with an unflushed local edit leaves store and doc in agreement', () => {
    const { docA, docB, a, b } = twoClients({ flushIntervalMs: 10_000 })
    a.store.put([note('n1')])
    a.binding.flush()

    a.store.update(note('n1').id, (r) => ({ ...r, x: 111 }))
    b.store.remove([note('n1').id])
    b.binding.flush()
    a.binding.flush()

    agreed(docA, docB, a.store, b.store, 'n1')
    expect(docNote(docA, 'n1')?.x).toBe(111)
  })
})

describe('dispose', () => {
  it('writes pending local changes, then stops both directions', () => {
    const { docA, a, b } = twoClients({ flushIntervalMs: 10_000 })
    a.store.put([note('pending')])
    a.binding.dispose()
    expect(docNote(docA, 'pending')).toBeDefined()
    expect(b.store.has(note('pending').id)).toBe(true)

    a.store.put([note('after-dispose')])
    a.binding.flush()
    expect(docNote(docA, 'after-dispose')).toBeUndefined()

    b.store.put([note('from-b')])
    b.binding.flush()
    expect(docNote(docA, 'from-b')).toBeDefined()
    expect(a.store.has(note('from-b').id)).toBe(false)
  })
})

describe('two docs on one store (a private round)', () => {
  const isPrivate = (record: TLRecord) => record.typeName === 'shape' && record.meta.privateRound === 'r1'
  const privateNote = (id: string) => ({ ...note(id), meta: { privateRound: 'r1' } })

  function boardAndPrivate() {
    const board = createBoardDoc({ name: 'Test', locale: 'sv', includeStarterNotes: false })
    const mine = new Y.Doc()
    const store = newStore()
    const main = bindStoreToDoc({ store, doc: board, owns: (r) => !isPrivate(r) })
    const hidden = bindStoreToDoc({ store, doc: mine, owns: isPrivate })
    disposers.push(
      () => main.dispose(),
      () => hidden.dispose(),
    )
    return { board, mine, store, flush: () => (main.flush(), hidden.flush()) }
  }

  it('writes a private note only to the private doc, and everything else only to the board', () => {
    const { board, mine, store, flush } = boardAndPrivate()
    store.put([privateNote('secret'), note('public')])
    flush()
    expect(docNote(mine, 'secret')).toBeDefined()
    expect(docNote(board, 'secret')).toBeUndefined()
    expect(docNote(board, 'public')).toBeDefined()
    expect(docNote(mine, 'public')).toBeUndefined()
    // The private doc was not seeded with the board's template.
    expect([...readRecords(mine).keys()]).toEqual([note('secret').id])
  })

  it('moves a note from the private doc to the board when it stops being private', () => {
    const { board, mine, store, flush } = boardAndPrivate()
    store.put([privateNote('idea')])
    flush()
    store.update(note('idea').id, (record) => ({ ...record, meta: {} }))
    flush()
    expect(docNote(board, 'idea')).toBeDefined()
    expect(docNote(mine, 'idea')).toBeUndefined()
    expect(storeNote(store, 'idea')).toBeDefined()
  })

  it('keeps a revealed note when the server removes it from the private doc after publishing it', () => {
    const { board, mine, store, flush } = boardAndPrivate()
    store.put([privateNote('idea')])
    flush()
    // The server's reveal: the note appears on the board, then leaves the private doc.
    const server = (doc: Y.Doc, fn: () => void) => doc.transact(fn, REMOTE)
    server(board, () => openRecordStore(board).set(note('idea').id, note('idea')))
    server(mine, () => openRecordStore(mine).delete(note('idea').id))
    expect(storeNote(store, 'idea')?.meta).toEqual({})
  })
})
