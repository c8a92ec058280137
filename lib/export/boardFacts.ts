/**
 * The facts a report needs from the document besides its notes: the votes of every voting
 * round (summed), whether the board is anonymous, and whether its authors are hidden from this
 * reader, as the facilitation state records them.
 */
import type * as Y from 'yjs'
import { readSession } from '../board/session'
import { tallyRounds } from '../board/votes'
import type { ReportFacts } from './report'

export function readReportFacts(doc: Y.Doc, reader: { seesHiddenAuthors: boolean }): ReportFacts {
  const session = readSession(doc)
  return {
    // Every round the board remembers counts, not only the last.
    votes: tallyRounds(
      doc,
      [...session.pastVotingRounds, ...(session.voting ? [session.voting] : [])].map((round) => round.id),
    ),
    anonymous: session.anonymous,
    withoutAuthors: !session.showAuthors && !reader.seesHiddenAuthors,
  }
}
