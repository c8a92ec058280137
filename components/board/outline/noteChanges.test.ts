import type { RecordsDiff, TLRecord } from 'tldraw'
import { describe, expect, it } from 'vitest'
import { noteMeta } from '@/lib/board/noteMeta'
import { buildNoteRecord } from '@/lib/board/noteRecord'
import { buildTemplateRecords } from '@/lib/board/template'
import { translator } from '@/lib/i18n/messages'
import { describeNoteChanges, mergeNoteChanges, noteChangesOf, type NoteChange } from './noteChanges'

const sv = translator('sv')
const en = translator('en')

const note = (id: string, text: string, areaId: 'ekonomi' | 'personal' | null) =>
  buildNoteRecord({ id: `shape:${id}` as never, x: 0, y: 0, text, meta: noteMeta({ areaId }) })

const diff = (parts: Partial<RecordsDiff<TLRecord>>): RecordsDiff<TLRecord> => ({ added: {}, updated: {}, removed: {}, ...parts })

describe('what a screen reader hears of other people’s changes', () => {
  it('names a single new note with its area and text', () => {
    const added = note('a', 'Sponsring av lokala företag', 'ekonomi')
    const changes = [...noteChangesOf(diff({ added: { [added.id]: added } })).values()]
    expect(describeNoteChanges(changes, sv, 'sv')).toBe('Ny lapp i Ekonomiska resurser: Sponsring av lokala företag')
    expect(describeNoteChanges(changes, en, 'en')).toBe('New note in Financial resources: Sponsring av lokala företag')
  })

  it('tells a move to another area from an edit, and ignores a note nudged within its area', () => {
    const before = note('a', 'Text', 'ekonomi')
    const moved = { ...before, x: 500, meta: { ...before.meta, areaId: 'personal' } }
    const nudged = { ...before, x: 10 }
    const edited = buildNoteRecord({ ...before, id: before.id, x: 0, y: 0, text: 'Ny text', meta: before.meta })
    expect([...noteChangesOf(diff({ updated: { [before.id]: [before, moved] } })).values()]).toEqual([
      { kind: 'moved', text: 'Text', areaId: 'personal' },
    ])
    expect(noteChangesOf(diff({ updated: { [before.id]: [before, nudged] } })).size).toBe(0)
    expect([...noteChangesOf(diff({ updated: { [before.id]: [before, edited] } })).values()]).toEqual([
      { kind: 'edited', text: 'Ny text', areaId: 'ekonomi' },
    ])
  })

  it('ignores everything that is not a note', () => {
    const template = buildTemplateRecords({ name: 'x', locale: 'sv', includeStarterNotes: false })
    const added = Object.fromEntries(template.map((r) => [r.id, r]))
    expect(noteChangesOf(diff({ added })).size).toBe(0)
  })

  it('folds someone typing a new note into one piece of news with the final text', () => {
    const burst = new Map<string, NoteChange>()
    mergeNoteChanges(burst, new Map([['n', { kind: 'added', text: 'S', areaId: 'ekonomi' }]]))
    mergeNoteChanges(burst, new Map([['n', { kind: 'edited', text: 'Sök', areaId: 'ekonomi' }]]))
    mergeNoteChanges(burst, new Map([['n', { kind: 'edited', text: 'Sök EU-medel', areaId: 'ekonomi' }]]))
    expect([...burst.values()]).toEqual([{ kind: 'added', text: 'Sök EU-medel', areaId: 'ekonomi' }])
  })

  it('drops a note added and removed within one burst, and keeps a move edited afterwards a move', () => {
    const burst = new Map<string, NoteChange>()
    mergeNoteChanges(burst, new Map([['gone', { kind: 'added', text: 'x', areaId: null }]]))
    mergeNoteChanges(burst, new Map([['gone', { kind: 'removed', text: 'x', areaId: null }]]))
    mergeNoteChanges(burst, new Map([['m', { kind: 'moved', text: 'a', areaId: 'personal' }]]))
    mergeNoteChanges(burst, new Map([['m', { kind: 'edited', text: 'ab', areaId: 'personal' }]]))
    expect([...burst.entries()]).toEqual([['m', { kind: 'moved', text: 'ab', areaId: 'personal' }]])
  })

  it('summarises a burst of several changes by kind instead of reading every note', () => {
    const changes: NoteChange[] = [
      { kind: 'added', text: 'a', areaId: 'ekonomi' },
      { kind: 'added', text: 'b', areaId: 'ekonomi' },
      { kind: 'removed', text: 'c', areaId: null },
    ]
    expect(describeNoteChanges(changes, sv, 'sv')).toBe('3 ändringar på tavlan: 2 nya, 1 borttagna.')
    expect(describeNoteChanges(changes, en, 'en')).toBe('3 changes on the board: 2 new, 1 removed.')
    expect(describeNoteChanges([], sv, 'sv')).toBeNull()
  })

  it('shortens a long note and names an empty one', () => {
    const long = 'ord '.repeat(60)
    const spoken = describeNoteChanges([{ kind: 'edited', text: long, areaId: null }], sv, 'sv')!
    expect(spoken.startsWith('Ändrad lapp i Utanför områdena: ord ord')).toBe(true)
    expect(spoken.length).toBeLessThan(130)
    expect(describeNoteChanges([{ kind: 'removed', text: ' ', areaId: 'personal' }], en, 'en')).toBe(
      'Note removed from Staff and competence: (empty note)',
    )
  })
})
