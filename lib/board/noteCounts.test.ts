import { describe, expect, it } from 'vitest'
import { noteCountsByArea } from './noteCounts'
import { readBoardRecords } from './readModel'
import { createBoardDoc } from './createBoardDoc'
import { readRecords } from './docLayout'
import { makeNoteShape } from './testing/makeNoteShape'

const NOW = Date.UTC(2024, 0, 15, 9, 0)

describe('noteCountsByArea', () => {
  it('counts only notes with text, as the report does', () => {
    const doc = createBoardDoc({ name: 'Räkna', locale: 'sv', includeStarterNotes: false, now: NOW })
    const records = [...readRecords(doc).values()]
    const ekonomi = { areaId: 'ekonomi' }
    const notes = [
      makeNoteShape({ id: 'a', x: 0, y: 0, text: 'Fler besökare', meta: ekonomi }),
      makeNoteShape({ id: 'b', x: 0, y: 0, text: 'Nya intäkter', meta: ekonomi }),
      // Just added and not yet written in, or only blanks: no idea yet.
      makeNoteShape({ id: 'c', x: 0, y: 0, text: '', meta: ekonomi }),
      makeNoteShape({ id: 'd', x: 0, y: 0, text: '   \n ', meta: ekonomi }),
      makeNoteShape({ id: 'e', x: 0, y: 0, text: 'Ett uppdrag', meta: { areaId: 'uppdrag' } }),
      makeNoteShape({ id: 'f', x: 0, y: 0, text: '', meta: { areaId: 'uppdrag' } }),
      makeNoteShape({ id: 'g', x: 0, y: 0, text: '', meta: { areaId: 'framtid' } }),
    ]
    const counts = noteCountsByArea([...records, ...notes])
    expect(Object.fromEntries(counts)).toEqual({ ekonomi: 2, uppdrag: 1 })

    // The same figures as the report gives each area.
    const report = readBoardRecords([...records, ...notes], 'sv')
    for (const area of report.steps.flatMap((s) => s.areas)) expect(counts.get(area.id) ?? 0, area.id).toBe(area.notes.length)
  })
})
