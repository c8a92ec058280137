/**
 * Ständiga förbättringar: the next period's board, made from the template with the previous
 * board's commitments as starter items. Each carried commitment lands in its own area, where
 * the template lays out its notes (so zones grow for them), as a card the size of a note with
 * an empty status for the facilitator to set (genomfört / pågår / ej påbörjat / stryks) and a
 * comment; the new board records which board it continues.
 */
import * as Y from 'yjs'
import { createShapeId, type TLRecord } from '@tldraw/tlschema'
import { createBoardDoc } from '../board/createBoardDoc'
import { readRecords, setRecords, writeBoardMeta, deleteRecords } from '../board/docLayout'
import { buildCommitmentRecord } from '../board/planRecords'
import type { BoardView, CommitmentView } from '../board/readModel'
import type { Locale } from '../i18n/locales'
import type { AreaId } from '../planning/planningModel'

export interface CarriedCommitment {
  areaId: AreaId
  commitment: CommitmentView
}

/**
 * What the next period starts from: the period's own commitments, and those carried into it
 * that were neither done nor dropped.
 */
export function commitmentsToCarry(view: BoardView): CarriedCommitment[] {
  return view.steps.flatMap((step) =>
    step.areas.flatMap((area) =>
      area.commitments
        .filter((c) => !c.carried || c.status === '' || c.status === 'ongoing' || c.status === 'not-started')
        .map((commitment) => ({ areaId: area.id, commitment })),
    ),
  )
}

/** Room under a carried commitment's text for its owner, period and status (three lines). */
const CARD_EXTRA_LINES = '\n\n\n'

export function createFollowUpDoc(options: {
  name: string
  locale: Locale
  previous: { boardId: string; name: string }
  carried: readonly CarriedCommitment[]
  now?: number
}): Y.Doc {
  // The template lays the cards out as it lays out notes; the placeholders then become cards.
  const doc = createBoardDoc({
    name: options.name,
    locale: options.locale,
    includeStarterNotes: false,
    now: options.now,
    notes: options.carried.map(({ areaId, commitment }) => ({ area: areaId, text: commitment.text + CARD_EXTRA_LINES })),
  })
  const records = readRecords(doc)
  const cards: TLRecord[] = []
  const placeholders: string[] = []
  options.carried.forEach(({ commitment }, i) => {
    const id = createShapeId(`note-${i + 1}`)
    const placeholder = records.get(id) as (TLRecord & { x: number; y: number; index: string; props: { growY: number } }) | undefined
    if (!placeholder) return
    placeholders.push(id)
    cards.push(
      buildCommitmentRecord({
        id: createShapeId(`carried-${i + 1}`),
        x: placeholder.x,
        y: placeholder.y,
        index: placeholder.index as never,
        w: 200,
        h: 200 + placeholder.props.growY,
        text: commitment.text,
        owner: commitment.owner,
        ownerId: commitment.ownerId,
        due: commitment.due,
        indicator: commitment.indicator,
        sources: commitment.sources,
        carried: true,
        status: '',
        statusComment: '',
      }),
    )
  })
  doc.transact(() => {
    deleteRecords(doc, placeholders)
    setRecords(doc, cards)
    writeBoardMeta(doc, { continues: { boardId: options.previous.boardId, name: options.previous.name } })
  })
  return doc
}

export function createFollowUpState(options: Parameters<typeof createFollowUpDoc>[0]): Uint8Array {
  const doc = createFollowUpDoc(options)
  const state = Y.encodeStateAsUpdate(doc)
  doc.destroy()
  return state
}
