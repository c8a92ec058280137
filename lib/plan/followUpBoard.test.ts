import { describe, expect, it } from 'vitest'
import { readBoardMeta, readRecords } from '../board/docLayout'
import { readBoard } from '../board/readModel'
import { boardSchema } from '../board/schema'
import { rectsOverlap } from '../board/templateLayout'
import { commitmentsToCarry, createFollowUpDoc } from './followUpBoard'
import { planCommitments } from './buildPlan'
import { readPlan } from './readPlan'
import { plannedWorkshopDoc } from './testing/plannedWorkshop'

describe('the follow-up board', () => {
  const previous = readBoard(plannedWorkshopDoc({ followUp: true }), 'sv')
  const carried = commitmentsToCarry(previous)
  const doc = createFollowUpDoc({
    name: 'Planeringsdag 2027',
    locale: 'sv',
    previous: { boardId: 'board-1', name: 'Planeringsdag' },
    carried,
    now: 0,
  })

  it('carries every commitment of the last plan, unfinished carried ones too, each with a status to set', () => {
    expect(carried.map((c) => c.commitment.text).sort()).toEqual(
      ['Ansök om EU-medel för meröppet', 'Prioritera de allra yngsta barnen, 0–2 år', 'Öppet till 21 på fem filialer'].sort(),
    )
    const plan = readPlan(doc, { boardId: 'board-2', boardName: 'Planeringsdag 2027', locale: 'sv', generatedAt: 0 })
    const items = planCommitments(plan)
    expect(items.map((i) => [i.area.id, i.commitment.text, i.carried, i.commitment.status]).sort()).toEqual(
      carried.map((c) => [c.areaId, c.commitment.text, true, '']).sort(),
    )
    const oppet = items.find((i) => i.commitment.text === 'Öppet till 21 på fem filialer')!.commitment
    expect([oppet.owner, oppet.due, oppet.indicator]).toEqual(['Anna Lind', '2027-06-30', 'Besök per kvällstimme'])
    expect(plan.continues).toEqual({ boardId: 'board-1', name: 'Planeringsdag' })
    expect(readBoardMeta(doc).continues).toEqual({ boardId: 'board-1', name: 'Planeringsdag' })
  })

  it('leaves out what was done or dropped last time', () => {
    const done = {
      ...previous,
      steps: previous.steps.map((s) => ({
        ...s,
        areas: s.areas.map((a) => ({ ...a, commitments: a.commitments.map((c) => (c.carried ? { ...c, status: 'done' as const } : c)) })),
      })),
    }
    expect(commitmentsToCarry(done).map((c) => c.commitment.text)).not.toContain('Prioritera de allra yngsta barnen, 0–2 år')
  })

  it('places the cards inside their zones without overlapping, as valid records', () => {
    const records = [...readRecords(doc).values()]
    const cards = records.filter((r) => r.typeName === 'shape' && r.type === 'commitment') as ((typeof records)[number] & {
      x: number
      y: number
      props: { w: number; h: number }
    })[]
    expect(cards).toHaveLength(3)
    expect(records.some((r) => r.typeName === 'shape' && r.type === 'note')).toBe(false)
    for (const card of cards) boardSchema.validateRecord(null as never, card, 'initialize', null)
    const rects = cards.map((c) => ({ x: c.x, y: c.y, w: c.props.w, h: c.props.h }))
    rects.forEach((a, i) => rects.slice(i + 1).forEach((b) => expect(rectsOverlap(a, b)).toBe(false)))
  })
})
