import { describe, expect, it } from 'vitest'
import type { TLRecord } from '@tldraw/tlschema'
import { readRecords, setRecords } from '../board/docLayout'
import { WORKSHOP_TIME } from '../export/testing/workshopBoard'
import { planToMarkdown } from '../plan/planMarkdown'
import { readPlan } from '../plan/readPlan'
import { plannedWorkshopDoc } from '../plan/testing/plannedWorkshop'
import { digestBoard, type BoardDigest } from './boardDigest'
import { ROLL_UP_TOP_IDEAS, rollUp } from './rollUp'

function withOrigins(branches: Record<string, string>) {
  const doc = plannedWorkshopDoc()
  const records = readRecords(doc)
  setRecords(
    doc,
    Object.entries(branches).map(([id, branch]) => {
      const note = records.get(id) as TLRecord & { meta: Record<string, unknown> }
      return {
        ...note,
        meta: {
          ...note.meta,
          origin: { roundId: 'r', boardId: `b-${branch}`, branch, id: 'x', kind: 'note', text: 't', votes: 0, author: null },
        },
      } as TLRecord
    }),
  )
  return doc
}

const plan = (doc: ReturnType<typeof plannedWorkshopDoc>) =>
  readPlan(doc, { boardId: 'central', boardName: 'Central', locale: 'sv', generatedAt: WORKSHOP_TIME })

describe('the plan of a round’s central board', () => {
  it('names the branches whose promoted ideas support each commitment, through its themes too', () => {
    const doc = withOrigins({ 'shape:n1': 'Skärholmen', 'shape:n2': 'Bredäng', 'shape:n3': 'Axelsberg' })
    const areas = plan(doc).steps.flatMap((s) => s.areas)
    expect(areas.find((a) => a.id === 'besokare')!.commitments[0].branches).toEqual(['Bredäng', 'Skärholmen'])
    expect(areas.find((a) => a.id === 'ekonomi')!.commitments[0].branches).toEqual(['Axelsberg'])
    const markdown = planToMarkdown(plan(doc))
    expect(markdown).toContain('  - Stöds av filialer: Bredäng, Skärholmen\n')
    expect(markdown).toContain('  - Stöds av filialer: Axelsberg\n')
  })

  it('names none on a board whose ideas were not promoted', () => {
    const commitments = plan(plannedWorkshopDoc())
      .steps.flatMap((s) => s.areas)
      .flatMap((a) => a.commitments)
    expect(commitments.length).toBeGreaterThan(0)
    expect(commitments.every((c) => c.branches.length === 0)).toBe(true)
    expect(planToMarkdown(plan(plannedWorkshopDoc()))).not.toContain('Stöds av')
  })
})

function digestWith(
  notes: { id: string; text: string; votes?: number; themeId?: string }[],
  themes: { id: string; title: string; votes: number }[] = [],
): BoardDigest {
  const empty = digestBoard(plannedWorkshopDoc(), 'sv')
  return {
    ...empty,
    areas: empty.areas.map((area) =>
      area.areaId === 'besokare'
        ? {
            ...area,
            notes: notes.map((n) => ({
              id: n.id,
              text: n.text,
              votes: n.votes ?? 0,
              author: null,
              themeId: n.themeId ?? null,
              updatedAt: null,
              origin: null,
            })),
            themes: themes.map((t) => ({ ...t, noteCount: 2 })),
          }
        : { ...area, notes: [], themes: [] },
    ),
  }
}

describe('the roll-up', () => {
  it('takes every theme and the most-voted ideas outside themes of each branch, with its name', () => {
    const notes = Array.from({ length: 9 }, (_, i) => ({
      id: `n${i}`,
      text: `Unik idé nummer ${'abcdefghi'[i]}${i} ${'xyzåäöqrs'[i]}`,
      votes: i,
    }))
    const digest = digestWith(
      [...notes, { id: 'in-theme', text: 'I ett tema', votes: 50, themeId: 't1' }],
      [{ id: 't1', title: 'Kvällsöppet', votes: 51 }],
    )
    const rolled = rollUp([{ boardId: 'b1', branch: 'Bredäng', digest }], null, 'sv')
    const items = rolled.areas.find((a) => a.areaId === 'besokare')!.groups.flatMap((g) => g.items)
    expect(items.filter((i) => i.kind === 'theme').map((i) => [i.text, i.votes, i.branch])).toEqual([['Kvällsöppet', 51, 'Bredäng']])
    expect(
      items
        .filter((i) => i.kind === 'note')
        .map((i) => i.id)
        .sort(),
    ).toEqual(['n4', 'n5', 'n6', 'n7', 'n8'])
    expect(items.filter((i) => i.kind === 'note')).toHaveLength(ROLL_UP_TOP_IDEAS)
    expect(rolled.areas.filter((a) => a.areaId !== 'besokare').every((a) => a.groups.length === 0)).toBe(true)
  })

  it('marks what the central board holds, and whether its original changed or is gone', () => {
    const branch = digestWith([
      { id: 'n1', text: 'Längre öppettider' },
      { id: 'n2', text: 'Sagostund för små' },
    ])
    const origin = (id: string, text: string) => ({
      roundId: 'r',
      boardId: 'b1',
      branch: 'Bredäng',
      id,
      kind: 'note' as const,
      text,
      votes: 3,
      author: 'Anna',
    })
    const central = digestWith([])
    central.areas = central.areas.map((a) =>
      a.areaId === 'besokare'
        ? {
            ...a,
            notes: [
              {
                id: 'c1',
                text: 'Längre öppettider',
                votes: 0,
                author: null,
                themeId: null,
                updatedAt: null,
                origin: origin('n1', 'Längre öppettider'),
              },
              { id: 'c2', text: 'Sagostund', votes: 0, author: null, themeId: null, updatedAt: null, origin: origin('n2', 'Sagostund') },
              { id: 'c3', text: 'Borta', votes: 0, author: null, themeId: null, updatedAt: null, origin: origin('n9', 'Borta') },
            ],
          }
        : a,
    )
    const rolled = rollUp([{ boardId: 'b1', branch: 'Bredäng', digest: branch }], central, 'sv')
    expect(rolled.promoted.map((p) => [p.noteId, p.changed, p.originGone, p.votes, p.author])).toEqual([
      ['c1', false, false, 3, 'Anna'],
      ['c2', true, false, 3, 'Anna'],
      ['c3', false, true, 3, 'Anna'],
    ])
    expect(
      rolled.areas
        .find((a) => a.areaId === 'besokare')!
        .groups.flatMap((g) => g.items)
        .every((i) => i.promoted),
    ).toBe(true)
  })
})
