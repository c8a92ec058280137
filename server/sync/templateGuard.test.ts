import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { TLRecord } from '@tldraw/tlschema'
import { createBoardState } from '../../lib/board/createBoardDoc'
import { openRecordStore, readRecords, recordsArray } from '../../lib/board/docLayout'
import { LOOP_SHAPE_ID, areaShapeId } from '../../lib/board/template'
import { makeNoteShape } from '../../lib/board/testing/makeNoteShape'
import { TEMPLATE_GUARD_ORIGIN } from './origins'
import { attachTemplateGuard } from './templateGuard'

const participant = { role: 'participant' }
const facilitator = { role: 'facilitator' }
const AREA = areaShapeId('ekonomi')
const ARROW = 'shape:arrow-step2-ekonomi'

/**
 * A server doc with the guard attached, and a client doc whose changes reach the server as
 * updates from `origin`, the way the room applies a socket's updates.
 */
function setup() {
  const state = createBoardState({ name: 'Tavla', locale: 'sv', includeStarterNotes: false, now: 0 })
  const server = new Y.Doc()
  Y.applyUpdate(server, state)
  const reverts: string[][] = []
  attachTemplateGuard(server, {
    isRestricted: (origin) => origin === participant,
    onRevert: (_origin, keys) => reverts.push(keys),
  })
  const client = new Y.Doc()
  Y.applyUpdate(client, state)
  const clientRecords = openRecordStore(client)
  const original = readRecords(server)
  /** Runs `change` on the client and applies the resulting update to the server as `origin`. */
  const send = (origin: object, change: (records: typeof clientRecords) => void) => {
    const before = Y.encodeStateVector(client)
    client.transact(() => change(clientRecords))
    Y.applyUpdate(server, Y.encodeStateAsUpdate(client, before), origin)
    // The client receives whatever the server did in answer, as it would over the socket.
    Y.applyUpdate(client, Y.encodeStateAsUpdate(server, Y.encodeStateVector(client)))
  }
  return { server, client, original, reverts, send }
}

const moved = (record: TLRecord | undefined) => ({ ...(record as TLRecord & { x: number }), x: 12_345 }) as TLRecord

describe('the template guard', () => {
  it('puts back a template shape a participant moved', () => {
    const { server, client, original, reverts, send } = setup()
    send(participant, (records) => records.set(AREA, moved(records.get(AREA))))
    expect(readRecords(server).get(AREA)).toEqual(original.get(AREA))
    expect(readRecords(client).get(AREA)).toEqual(original.get(AREA))
    expect(reverts).toEqual([[AREA]])
  })

  it('puts back an arrow a participant deleted', () => {
    const { server, client, original, send } = setup()
    send(participant, (records) => records.delete(ARROW))
    expect(readRecords(server).get(ARROW)).toEqual(original.get(ARROW))
    expect(readRecords(client).get(ARROW)).toEqual(original.get(ARROW))
  })

  it('puts back the document’s name a participant changed', () => {
    const { server, original, send } = setup()
    send(participant, (records) => records.set('document:document', { ...records.get('document:document')!, name: 'Hijacked' } as TLRecord))
    expect(readRecords(server).get('document:document')).toEqual(original.get('document:document'))
  })

  it('removes a second entry a participant added for a template key without deleting the first', () => {
    const { server, original } = setup()
    const before = recordsArray(server).length
    const client = new Y.Doc()
    Y.applyUpdate(client, Y.encodeStateAsUpdate(server))
    const sv = Y.encodeStateVector(client)
    recordsArray(client).push([{ key: LOOP_SHAPE_ID, val: moved(original.get(LOOP_SHAPE_ID)) }])
    Y.applyUpdate(server, Y.encodeStateAsUpdate(client, sv), participant)
    expect(readRecords(server).get(LOOP_SHAPE_ID)).toEqual(original.get(LOOP_SHAPE_ID))
    expect(recordsArray(server).length).toBe(before)
  })

  it('keeps a participant’s notes, also when written together with a template change', () => {
    const { server, original, send } = setup()
    const note = makeNoteShape({ id: 'idea', x: 0, y: 0, text: 'Fler besökare' })
    send(participant, (records) => {
      records.set(note.id, note)
      records.delete(AREA)
    })
    expect(readRecords(server).get(note.id)).toEqual(note)
    expect(readRecords(server).get(AREA)).toEqual(original.get(AREA))
  })

  it('lets a facilitator move a template shape, and keeps that as the version to restore', () => {
    const { server, original, send } = setup()
    const facilitatorsArea = moved(original.get(AREA))
    send(facilitator, (records) => records.set(AREA, facilitatorsArea))
    expect(readRecords(server).get(AREA)).toEqual(facilitatorsArea)

    send(participant, (records) => records.delete(AREA))
    expect(readRecords(server).get(AREA)).toEqual(facilitatorsArea)
  })

  it('lets a facilitator delete a template shape, and then a participant cannot bring it back', () => {
    const { server, original, send } = setup()
    send(facilitator, (records) => records.delete(LOOP_SHAPE_ID))
    send(participant, (records) => records.set(LOOP_SHAPE_ID, original.get(LOOP_SHAPE_ID)!))
    expect(readRecords(server).has(LOOP_SHAPE_ID)).toBe(false)
  })

  it('reverts in a transaction of its own origin, right after the offending one', () => {
    const { server, send } = setup()
    const origins: unknown[] = []
    server.on('update', (_update: Uint8Array, origin: unknown) => origins.push(origin))
    send(participant, (records) => records.delete(AREA))
    expect(origins).toEqual([participant, TEMPLATE_GUARD_ORIGIN])
  })

  it('leaves a participant’s note-only changes alone', () => {
    const { server, reverts, send } = setup()
    const origins: unknown[] = []
    server.on('update', (_update: Uint8Array, origin: unknown) => origins.push(origin))
    send(participant, (records) => records.set('shape:n1', makeNoteShape({ id: 'n1', x: 0, y: 0, text: 'A' })))
    expect(origins).toEqual([participant])
    expect(reverts).toEqual([])
  })
})
