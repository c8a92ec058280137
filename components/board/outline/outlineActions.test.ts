import { createTLStore, defaultBindingUtils, type TLNoteShape, type TLShapeId } from 'tldraw'
import { describe, expect, it } from 'vitest'
import { isAreaShape, isNoteShape } from '@/lib/board/areaOfPoint'
import { plainTextFromRichText } from '@/lib/board/richText'
import { readBoardRecords } from '@/lib/board/readModel'
import { buildTemplateRecords } from '@/lib/board/template'
import { rectContains } from '@/lib/board/templateLayout'
import type { AreaId } from '@/lib/planning/planningModel'
import { boardShapeUtils } from '../customShapeUtils'
import {
  addNoteToArea,
  deleteNote,
  editNoteText,
  groupNotesInStore,
  makeCommitmentInStore,
  moveNoteToArea,
  renameThemeInStore,
  ungroupThemeInStore,
  updateCommitmentInStore,
  type NewOutlineNote,
} from './outlineActions'

const AUTHOR = { id: 'user-anna', name: 'Anna Lind' }

function boardStore() {
  const store = createTLStore({
    shapeUtils: boardShapeUtils,
    bindingUtils: defaultBindingUtils,
  })
  store.mergeRemoteChanges(() => store.put(buildTemplateRecords({ name: 'Test', locale: 'sv', includeStarterNotes: false })))
  return store
}

const idea = (areaId: AreaId, text: string, extra: Partial<NewOutlineNote> = {}): NewOutlineNote => ({
  areaId,
  text,
  author: AUTHOR,
  anonymous: false,
  privateRoundId: null,
  now: 1_700_000_000_000,
  ...extra,
})

function noteIn(store: ReturnType<typeof boardStore>, id: TLShapeId): TLNoteShape {
  const record = store.get(id)
  if (!isNoteShape(record)) throw new Error(`no note ${id}`)
  return record as TLNoteShape
}

function zoneContains(store: ReturnType<typeof boardStore>, areaId: AreaId, note: TLNoteShape) {
  const area = store.allRecords().find((r) => isAreaShape(r) && r.props.areaId === areaId)
  if (!isAreaShape(area)) throw new Error(`no zone ${areaId}`)
  const rect = { x: area.x, y: area.y, w: area.props.w, h: area.props.h }
  return rectContains(rect, { x: note.x, y: note.y }) && rectContains(rect, { x: note.x + 200, y: note.y + 200 })
}

const notesOfArea = (store: ReturnType<typeof boardStore>, areaId: AreaId) =>
  readBoardRecords(store.allRecords(), 'sv')
    .steps.flatMap((s) => s.areas)
    .find((a) => a.id === areaId)!.notes

describe('the outline’s changes to the board', () => {
  it('adds a note inside its area, tagged with the area, author and time, where the read model finds it', () => {
    const store = boardStore()
    const id = addNoteToArea(store, idea('ekonomi', 'Sponsring'))!
    const note = noteIn(store, id)
    expect(zoneContains(store, 'ekonomi', note)).toBe(true)
    expect(note.meta).toMatchObject({ areaId: 'ekonomi', createdBy: AUTHOR, createdAt: 1_700_000_000_000 })
    expect(notesOfArea(store, 'ekonomi').map((n) => n.text)).toEqual(['Sponsring'])
  })

  it('puts a second note of an area in the next free slot, not on top of the first', () => {
    const store = boardStore()
    const first = noteIn(store, addNoteToArea(store, idea('personal', 'Ett'))!)
    const second = noteIn(store, addNoteToArea(store, idea('personal', 'Två'))!)
    expect({ x: second.x, y: second.y }).not.toEqual({ x: first.x, y: first.y })
    expect(second.index > first.index).toBe(true)
  })

  it('keeps no author on an anonymous board, and marks notes of a private round', () => {
    const store = boardStore()
    const anonymous = noteIn(store, addNoteToArea(store, idea('framtid', 'Utan namn', { anonymous: true }))!)
    expect(anonymous.meta.createdBy).toBeUndefined()
    const hidden = noteIn(store, addNoteToArea(store, idea('framtid', 'Hemlig', { privateRoundId: 'round-1' }))!)
    expect(hidden.meta.privateRound).toBe('round-1')
  })

  it('replaces a note’s text as rich text and stamps the edit', () => {
    const store = boardStore()
    const id = addNoteToArea(store, idea('uppdrag', 'Före'))!
    expect(editNoteText(store, id, 'Efter\nandra raden', 1_800_000_000_000)).toBe(true)
    const note = noteIn(store, id)
    expect(plainTextFromRichText(note.props.richText)).toBe('Efter\nandra raden')
    expect(note.meta).toMatchObject({ updatedAt: 1_800_000_000_000, areaId: 'uppdrag' })
  })

  it('moves a note into the other area’s zone and re-tags it', () => {
    const store = boardStore()
    const id = addNoteToArea(store, idea('ekonomi', 'Flyttas'))!
    expect(moveNoteToArea(store, id, 'relationer')).toBe(true)
    const note = noteIn(store, id)
    expect(note.meta.areaId).toBe('relationer')
    expect(zoneContains(store, 'relationer', note)).toBe(true)
    expect(notesOfArea(store, 'ekonomi')).toEqual([])
    expect(notesOfArea(store, 'relationer').map((n) => n.text)).toEqual(['Flyttas'])
  })

  it('deletes a note, and leaves the template alone when asked to delete something else', () => {
    const store = boardStore()
    const id = addNoteToArea(store, idea('motesplatser', 'Bort'))!
    const shapes = store.allRecords().filter((r) => r.typeName === 'shape').length
    deleteNote(store, id)
    expect(store.get(id)).toBeUndefined()
    const area = store.allRecords().find(isAreaShape)!
    deleteNote(store, area.id)
    expect(store.allRecords().filter((r) => r.typeName === 'shape')).toHaveLength(shapes - 1)
  })
})

describe('the outline’s themes and commitments', () => {
  const areaView = (store: ReturnType<typeof boardStore>, areaId: AreaId) =>
    readBoardRecords(store.allRecords(), 'sv')
      .steps.flatMap((s) => s.areas)
      .find((a) => a.id === areaId)!

  it('groups notes into a named theme the store accepts, renames it, and ungroups it back into the area', () => {
    const store = boardStore()
    const ids = ['Öppet längre', 'Öppet på söndagar', 'Kvällsöppet', 'Sponsring'].map((text) =>
      addNoteToArea(store, idea('besokare', text))!,
    )
    const themeId = groupNotesInStore(store, ids.slice(0, 3), 'Öppettider')!
    let area = areaView(store, 'besokare')
    expect(area.themes).toEqual([expect.objectContaining({ id: themeId, title: 'Öppettider' })])
    expect(
      area.notes
        .filter((n) => n.themeId === themeId)
        .map((n) => n.text)
        .sort(),
    ).toEqual(['Kvällsöppet', 'Öppet längre', 'Öppet på söndagar'])
    expect(area.notes.find((n) => n.text === 'Sponsring')!.themeId).toBeNull()

    expect(renameThemeInStore(store, themeId, 'Längre öppettider')).toBe(true)
    expect(areaView(store, 'besokare').themes[0].title).toBe('Längre öppettider')

    const back = ungroupThemeInStore(store, themeId)
    expect(back.sort()).toEqual(ids.slice(0, 3).sort())
    expect(store.get(themeId)).toBeUndefined()
    area = areaView(store, 'besokare')
    expect(area.themes).toEqual([])
    expect(area.notes.map((n) => n.text).sort()).toEqual(['Kvällsöppet', 'Sponsring', 'Öppet längre', 'Öppet på söndagar'])
    for (const id of ids) expect(noteIn(store, id).parentId).toMatch(/^page:/)
  })

  it('makes a commitment of a theme with owner, date and indicator, linked to its ideas', () => {
    const store = boardStore()
    const ids = ['Språkcafé', 'Språkcafé på lördagar'].map((text) => addNoteToArea(store, idea('besokare', text))!)
    const themeId = groupNotesInStore(store, ids, 'Språkcaféer')!
    const fields = {
      text: 'Språkcafé varje vecka',
      owner: 'Per',
      ownerId: '',
      due: '2027-06-30',
      indicator: 'Deltagare per vecka',
      status: '',
      statusComment: '',
    } as const
    const id = makeCommitmentInStore(store, themeId, fields, new Map([[themeId, 3]]))!
    const [commitment] = areaView(store, 'besokare').commitments
    expect(commitment).toMatchObject({
      id,
      text: 'Språkcafé varje vecka',
      owner: 'Per',
      due: '2027-06-30',
      indicator: 'Deltagare per vecka',
    })
    expect(commitment.sources.map((s) => s.kind)).toEqual(['theme', 'note', 'note'])
    expect(commitment.sources[0]).toMatchObject({ id: themeId, votes: 3 })
    expect(makeCommitmentInStore(store, 'shape:nothing', fields, new Map())).toBeNull()
    expect(updateCommitmentInStore(store, id, { due: 'VT 2027', owner: 'Fia' })).toBe(true)
    expect(areaView(store, 'besokare').commitments[0]).toMatchObject({ due: 'VT 2027', owner: 'Fia', indicator: 'Deltagare per vecka' })
    expect(updateCommitmentInStore(store, themeId, { due: 'x' })).toBe(false)
  })
})
