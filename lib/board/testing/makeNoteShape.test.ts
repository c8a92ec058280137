import { createTLStore } from 'tldraw'
import { describe, expect, it } from 'vitest'
import { boardSchema } from '../schema'
import { makeNoteShape } from './makeNoteShape'

describe('makeNoteShape', () => {
  it('gives a note the board’s schema accepts', () => {
    const store = createTLStore({ schema: boardSchema })
    const note = makeNoteShape({ id: 'n', x: 1, y: 2, text: 'Hej', meta: { areaId: 'framtid' }, growY: 40 })
    expect(() => boardSchema.validateRecord(store, note, 'createRecord', null)).not.toThrow()
  })
})
