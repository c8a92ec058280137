import { createShapeId, type TLRecord, type TLShape } from '@tldraw/tlschema'
import { describe, expect, it } from 'vitest'
import { cleanReport, layoutReport } from '../../tests/helpers/layoutCheck'
import { arrangeRecords } from './arrangeRecords'
import { isNoteShape } from './areaOfPoint'
import { buildNoteRecord } from './noteRecord'
import { noteMeta } from './noteMeta'
import { placeNotes } from './placeNote'
import {
  commitmentFrom,
  groupNotes,
  layoutThemeRecords,
  recordMap,
  renameThemeRecord,
  ungroupThemeRecords,
  type CommitmentFields,
} from './planEdits'
import { COMMITMENT_H, COMMITMENT_W, layoutTheme, themeAreaOf } from './planRecords'
import { TITLE_MAX, isCommitmentShape, isThemeShape } from './planShapes'
import { readBoardRecords } from './readModel'
import { areaShapeId, buildTemplateRecords } from './template'
import { rectsOverlap, type Rect } from './templateLayout'

const FIELDS: CommitmentFields = {
  text: 'Öppet till 21 alla vardagar',
  owner: 'Fia',
  ownerId: '',
  due: '2027-06-30',
  indicator: 'Besök efter 18',
  status: '',
  statusComment: '',
}

/** A board as a workshop leaves it: `count` notes placed in the visitors' area by the server's layout. */
function workshopBoard(count: number): Map<string, TLRecord> {
  const records = recordMap(buildTemplateRecords({ name: 'Planeringsdag', locale: 'sv', includeStarterNotes: false, now: 0 }))
  const notes = Array.from({ length: count }, (_, i) =>
    buildNoteRecord({
      id: createShapeId(`idea-${String(i).padStart(3, '0')}`),
      x: 0,
      y: 0,
      text: `Idé nummer ${i}${i % 7 === 0 ? ' med en längre text som gör lappen högre än de andra lapparna i området' : ''}`,
      growY: i % 7 === 0 ? 60 : 0,
      meta: noteMeta({ areaId: 'besokare', createdAt: i }),
    }),
  )
  return apply(records, placeNotes(records, notes))
}

function apply(records: ReadonlyMap<string, TLRecord>, put: readonly TLRecord[], remove: readonly string[] = []): Map<string, TLRecord> {
  const next = new Map(records)
  for (const record of put) next.set(record.id, record)
  for (const id of remove) next.delete(id)
  return next
}

const noteIdsIn = (records: ReadonlyMap<string, TLRecord>) => [...records.values()].filter(isNoteShape).map((n) => n.id)
const boxOf = (shape: TLShape): Rect => ({
  x: shape.x,
  y: shape.y,
  w: (shape.props as { w: number }).w,
  h: (shape.props as { h: number }).h,
})

describe('themes as record edits', () => {
  for (const count of [60, 150]) {
    it(`groups 10 of ${count} notes into a theme that stays in their area, lays them out, and leaves a clean board`, () => {
      const board = workshopBoard(count)
      expect(layoutReport(board)).toEqual(cleanReport(count))
      const picked = noteIdsIn(board)
        .filter((_, i) => i % Math.floor(count / 10) === 3)
        .slice(0, 10)
      expect(picked).toHaveLength(10)

      const grouped = groupNotes(board, picked, 'Längre öppettider')!
      const after = apply(board, grouped.put)
      const theme = after.get(grouped.themeId)
      if (!isThemeShape(theme)) throw new Error('no theme')
      expect(theme.props.title).toBe('Längre öppettider')
      // Only the theme and the picked notes are written.
      expect(grouped.put.map((r) => r.id).sort()).toEqual([grouped.themeId, ...picked].sort())
      expect(themeAreaOf(after.values(), theme)).toBe('besokare')

      // The notes are the theme's, in its grid, and the theme fits around them inside the zone.
      const children = picked.map((id) => after.get(id) as TLShape<'note'>)
      expect(children.every((note) => note.parentId === grouped.themeId)).toBe(true)
      const layout = layoutTheme(children.map((n) => ({ id: n.id, x: n.x, y: n.y, h: 200 + n.props.growY })))
      expect(
        layout.slots.every((slot) => (after.get(slot.id) as TLShape).x === slot.x && (after.get(slot.id) as TLShape).y === slot.y),
      ).toBe(true)
      expect({ w: theme.props.w, h: theme.props.h }).toEqual({ w: layout.w, h: layout.h })
      const zone = boxOf(after.get(areaShapeId('besokare')) as TLShape)
      expect(theme.x).toBeGreaterThanOrEqual(zone.x)
      expect(theme.x + theme.props.w).toBeLessThanOrEqual(zone.x + zone.w)
      expect(layoutThemeRecords(after, grouped.themeId)).toEqual([])

      // The server's layout keeper makes room when the zone had none free; then nothing overlaps
      // and every note, the theme's too, is still in the area.
      const kept = apply(after, arrangeRecords(after))
      expect(layoutReport(kept)).toEqual(cleanReport(count - 10 + 1))
      expect(arrangeRecords(kept)).toEqual([])
      const view = readBoardRecords(kept.values(), 'sv')
      const area = view.steps.flatMap((s) => s.areas).find((a) => a.id === 'besokare')!
      expect(area.notes).toHaveLength(count)
      expect(area.themes).toEqual([expect.objectContaining({ id: grouped.themeId, title: 'Längre öppettider' })])
      expect(area.themes[0].noteIds.sort()).toEqual([...picked].sort())
    })
  }

  it('puts a new theme in a free place of the zone when there is one, covering nothing', () => {
    const board = workshopBoard(60)
    // Room at the bottom of the zone: grow it by a theme's height (over the zone below, which
    // does not matter here).
    const zone = board.get(areaShapeId('besokare')) as TLShape<'area'>
    const roomy = apply(board, [{ ...zone, props: { ...zone.props, h: zone.props.h + 1200 } }])
    const picked = noteIdsIn(roomy).slice(0, 5)
    const grouped = groupNotes(roomy, picked, 'Studieplatser')!
    const after = apply(roomy, grouped.put)
    expect(layoutReport(after).overlaps).toEqual([])
    expect(layoutReport(after).outside).toEqual([])
  })

  it('adds notes to the theme one of them is already in, keeping its title and place', () => {
    const board = workshopBoard(60)
    const [a, b, c, d] = noteIdsIn(board)
    const first = groupNotes(board, [a, b], 'Språkcaféer')!
    const withTheme = apply(board, first.put)
    const theme = withTheme.get(first.themeId) as TLShape<'theme'>
    const second = groupNotes(withTheme, [c, a, d], 'Annat namn')!
    expect(second.themeId).toBe(first.themeId)
    const after = apply(withTheme, second.put)
    const grown = after.get(first.themeId) as TLShape<'theme'>
    expect(grown.props.title).toBe('Språkcaféer')
    expect(grown.y).toBe(theme.y)
    expect([a, b, c, d].every((id) => (after.get(id) as TLShape).parentId === first.themeId)).toBe(true)
    expect(layoutThemeRecords(after, first.themeId)).toEqual([])
  })

  it('refuses what is not a note, and clips a title longer than a theme takes', () => {
    const board = workshopBoard(60)
    expect(groupNotes(board, [areaShapeId('besokare'), 'shape:nope'], 'X')).toBeNull()
    const grouped = groupNotes(board, noteIdsIn(board).slice(0, 2), 'x'.repeat(TITLE_MAX + 50))!
    expect((grouped.put.find(isThemeShape) as TLShape<'theme'>).props.title).toHaveLength(TITLE_MAX)
    expect(renameThemeRecord(board, noteIdsIn(board)[0], 'Y')).toEqual([])
    expect(ungroupThemeRecords(board, noteIdsIn(board)[0])).toBeNull()
  })

  it('ungroups a theme: its notes go back on the page where they are drawn, and the theme goes', () => {
    const board = workshopBoard(60)
    const picked = noteIdsIn(board).slice(10, 13)
    const grouped = groupNotes(board, picked, 'Tema')!
    const withTheme = apply(board, grouped.put)
    const theme = withTheme.get(grouped.themeId) as TLShape<'theme'>
    const changes = ungroupThemeRecords(withTheme, grouped.themeId)!
    expect(changes.remove).toEqual([grouped.themeId])
    const after = apply(withTheme, changes.put, changes.remove)
    for (const id of picked) {
      const inTheme = withTheme.get(id) as TLShape
      const back = after.get(id) as TLShape
      expect(back.parentId).toBe((board.get(id) as TLShape).parentId)
      expect({ x: back.x, y: back.y }).toEqual({ x: theme.x + inTheme.x, y: theme.y + inTheme.y })
    }
    expect(
      readBoardRecords(after.values(), 'sv')
        .steps.flatMap((s) => s.areas)
        .find((a) => a.id === 'besokare')!.themes,
    ).toEqual([])
  })

  it('renames a theme', () => {
    const board = workshopBoard(60)
    const grouped = groupNotes(board, noteIdsIn(board).slice(0, 2), 'Tema')!
    const after = apply(board, grouped.put)
    const [renamed] = renameThemeRecord(after, grouped.themeId, 'Fler studieplatser')
    expect((renamed as TLShape<'theme'>).props.title).toBe('Fler studieplatser')
  })
})

describe('commitments as record edits', () => {
  it('makes a commitment of a theme in its area, from the theme and its notes with their votes', () => {
    const board = workshopBoard(150)
    const picked = noteIdsIn(board).slice(20, 30)
    const grouped = groupNotes(board, picked, 'Längre öppettider')!
    const withTheme = apply(board, grouped.put)
    const tidy = apply(withTheme, arrangeRecords(withTheme))
    const votes = new Map([
      [grouped.themeId, 4],
      [picked[0], 2],
    ])
    const commitment = commitmentFrom(tidy, grouped.themeId, FIELDS, votes)!
    expect(isCommitmentShape(commitment)).toBe(true)
    expect(commitment.props).toMatchObject({ ...FIELDS, w: COMMITMENT_W, h: COMMITMENT_H, carried: false })
    expect(commitment.props.sources[0]).toEqual({ id: grouped.themeId, kind: 'theme', text: 'Längre öppettider', votes: 4 })
    expect(
      commitment.props.sources
        .slice(1)
        .map((s) => s.id)
        .sort(),
    ).toEqual([...picked].sort())
    expect(commitment.props.sources.find((s) => s.id === picked[0])!.votes).toBe(2)
    const after = apply(tidy, [commitment])
    expect(themeAreaOf(after.values(), commitment)).toBe('besokare')
    const kept = apply(after, arrangeRecords(after))
    expect(layoutReport(kept)).toEqual(cleanReport(150 - 10 + 2))
    const area = readBoardRecords(kept.values(), 'sv')
      .steps.flatMap((s) => s.areas)
      .find((a) => a.id === 'besokare')!
    expect(area.commitments).toEqual([expect.objectContaining({ text: FIELDS.text, owner: 'Fia', due: '2027-06-30' })])
  })

  it('makes a commitment of a note in a free place of its zone, covering nothing', () => {
    const board = workshopBoard(60)
    const zone = board.get(areaShapeId('besokare')) as TLShape<'area'>
    const roomy = apply(board, [{ ...zone, props: { ...zone.props, h: zone.props.h + 600 } }])
    const [note] = noteIdsIn(roomy)
    const commitment = commitmentFrom(roomy, note, FIELDS, new Map())!
    expect(commitment.props.sources).toEqual([
      { id: note, kind: 'note', text: 'Idé nummer 0 med en längre text som gör lappen högre än de andra lapparna i området', votes: 0 },
    ])
    const blocks = [...roomy.values()].filter(isNoteShape).map((n) => ({ x: n.x, y: n.y, w: 200, h: 200 + n.props.growY }))
    expect(blocks.some((b) => rectsOverlap(b, boxOf(commitment)))).toBe(false)
    const report = layoutReport(apply(roomy, [commitment]))
    expect({ overlaps: report.overlaps, outside: report.outside }).toEqual({ overlaps: [], outside: [] })
  })

  it('makes nothing of what is neither a note nor a theme', () => {
    const board = workshopBoard(60)
    expect(commitmentFrom(board, areaShapeId('besokare'), FIELDS, new Map())).toBeNull()
  })
})
