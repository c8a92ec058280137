/**
 * A board's plan read from its document: the read model, the votes of the latest round, and
 * the board it continues.
 */
import type * as Y from 'yjs'
import { readBoardMeta } from '../board/docLayout'
import { readBoard } from '../board/readModel'
import { readReportFacts } from '../export/boardFacts'
import { buildPlan, type Plan, type PlanOptions } from './buildPlan'

export function readPlan(doc: Y.Doc, options: Omit<PlanOptions, 'continues'>): Plan {
  // The plan names no authors, so what the reader may see of them does not matter here.
  const facts = readReportFacts(doc, { seesHiddenAuthors: false })
  return buildPlan(readBoard(doc, options.locale), facts.votes, { ...options, continues: readBoardMeta(doc).continues ?? null })
}
