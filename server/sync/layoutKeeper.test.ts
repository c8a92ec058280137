/**
 * The keeper against a person's write made at the same moment as its own: records are written
 * whole and the rightmost entry of a key wins, so which of two concurrent writes survives is up
 * to the writers' client ids. A person's must survive: their text is theirs, and the keeper
 * can move the note again later.
 */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createShapeId, type TLNoteShape } from '@tldraw/tlschema'
import { createBoardState } from '../../lib/board/createBoardDoc'
import { readRecords, setRecords } from '../../lib/board/docLayout'
import { buildNoteRecord } from '../../lib/board/noteRecord'
import { noteMeta } from '../../lib/board/noteMeta'
import { plainTextFromRichText } from '../../lib/board/richText'
import { areaShapeId } from '../../lib/board/template'
import { attachLayoutKeeper } from './layoutKeeper'

const settle = () => new Promise((resolve) => setTimeout(resolve, 0))

/** A server document with a keeper that never waits, and a person's synced copy with the given client id. */
function board(personClient: number) {
  // As a room loads it: the stored state, with no YKeyValue on it to drop duplicate entries.
  const server = new Y.Doc()
  Y.applyUpdate(server, createBoardState({ name: 'Samtidigt', locale: 'sv', includeStarterNotes: false, now: 0 }))
  const keeper = attachLayoutKeeper(server, { quietMs: 1e6, maxWaitMs: 1e6, pinMs: 0, blankPinMs: 0 })
  const person = new Y.Doc()
  person.clientID = personClient
  Y.applyUpdate(person, Y.encodeStateAsUpdate(server))
  return { server, keeper, person }
}

function textOf(doc: Y.Doc, id: string): string {
  return plainTextFromRichText((readRecords(doc).get(id) as TLNoteShape).props.richText)
}

describe('the layout keeper and a concurrent write', () => {
  for (const [who, client] of [
    ['loses', 1],
    ['wins', 0xfffffffe],
  ] as const) {
    it(`keeps the text a person typed while the keeper moved their note, when their write ${who} the tie`, async () => {
      const { server, keeper, person } = board(client)
      // Two notes on one spot: the keeper will move the later one.
      const zone = readRecords(server).get(areaShapeId('uppdrag')) as unknown as { x: number; y: number }
      const at = { x: zone.x + 40, y: zone.y + 220 }
      const first = buildNoteRecord({
        id: createShapeId('first'),
        ...at,
        text: 'Först',
        meta: noteMeta({ areaId: 'uppdrag', createdAt: 1 }),
      })
      const later = buildNoteRecord({ id: createShapeId('later'), ...at, text: 'Sen', meta: noteMeta({ areaId: 'uppdrag', createdAt: 2 }) })
      person.transact(() => setRecords(person, [first, later]))
      Y.applyUpdate(server, Y.encodeStateAsUpdate(person, Y.encodeStateVector(server)))
      await settle()

      // The person types on while, at the same moment, the keeper moves the note.
      const before = Y.encodeStateVector(person)
      person.transact(() => setRecords(person, [buildNoteRecord({ ...later, text: 'Sen skrev jag mer', meta: later.meta })]))
      const typed = Y.encodeStateAsUpdate(person, before)
      expect(keeper.arrange()).toBeGreaterThan(0)
      const moved = readRecords(server).get(later.id) as TLNoteShape
      expect({ x: moved.x, y: moved.y }).not.toEqual(at)

      Y.applyUpdate(server, typed)
      await settle()
      expect(textOf(server, later.id)).toBe('Sen skrev jag mer')
      // Both sides converge on it.
      Y.applyUpdate(person, Y.encodeStateAsUpdate(server, Y.encodeStateVector(person)))
      Y.applyUpdate(server, Y.encodeStateAsUpdate(person, Y.encodeStateVector(server)))
      expect(textOf(person, later.id)).toBe('Sen skrev jag mer')
      expect(readRecords(person).get(later.id)).toEqual(readRecords(server).get(later.id))

      // The keeper moves it again on its next look, text and all.
      keeper.arrange()
      const again = readRecords(server).get(later.id) as TLNoteShape
      expect({ x: again.x, y: again.y }).toEqual({ x: moved.x, y: moved.y })
      expect(textOf(server, later.id)).toBe('Sen skrev jag mer')
      keeper.stop()
    })
  }

  it('lets the keeper’s own entry stand when the person’s later write saw it', async () => {
    const { server, keeper, person } = board(1)
    const zone = readRecords(server).get(areaShapeId('uppdrag')) as unknown as { x: number; y: number }
    const at = { x: zone.x + 40, y: zone.y + 220 }
    const first = buildNoteRecord({ id: createShapeId('first'), ...at, text: 'Först', meta: noteMeta({ areaId: 'uppdrag', createdAt: 1 }) })
    const later = buildNoteRecord({ id: createShapeId('later'), ...at, text: 'Sen', meta: noteMeta({ areaId: 'uppdrag', createdAt: 2 }) })
    person.transact(() => setRecords(person, [first, later]))
    Y.applyUpdate(server, Y.encodeStateAsUpdate(person))
    keeper.arrange()
    const updates: Uint8Array[] = []
    server.on('update', (update: Uint8Array) => updates.push(update))
    // The person's copy takes the move first, then writes on top of it: nothing to undo.
    Y.applyUpdate(person, Y.encodeStateAsUpdate(server, Y.encodeStateVector(person)))
    const moved = readRecords(person).get(later.id) as TLNoteShape
    person.transact(() => setRecords(person, [{ ...moved, meta: { ...moved.meta, extra: 1 } }]))
    Y.applyUpdate(server, Y.encodeStateAsUpdate(person, Y.encodeStateVector(server)))
    await settle()
    expect(updates).toHaveLength(1)
    expect(readRecords(server).get(later.id)).toEqual({ ...moved, meta: { ...moved.meta, extra: 1 } })
    keeper.stop()
  })
})
