/**
 * The facts a report needs from the document besides its notes: the votes of the latest
 * voting round, whether the board is anonymous, and whether its authors are hidden from this
 * reader, as the facilitation state records them.
 */
import type * as Y from 'yjs'
import { readSession } from '../board/session'
import { tallyVotes } from '../board/votes'
import type { ReportFacts } from './report'

export function readReportFacts(doc: Y.Doc, reader: { seesHiddenAuthors: boolean }): ReportFacts {
  const session = readSession(doc)
  return {
    votes: session.voting ? tallyVotes(doc, session.voting.id) : new Map(),
    anonymous: session.anonymous,
    withoutAuthors: !session.showAuthors && !reader.seesHiddenAuthors,
  }
}
