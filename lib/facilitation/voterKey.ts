/**
 * Who cast a vote, as stored in the document. In a named round it is the user id; in an
 * anonymous round an HMAC of round and user under the server's secret, so nobody reading the
 * document can tell whose votes they are, while the server still finds a voter's own.
 */
import { createHmac } from 'node:crypto'
import type { VotingRound } from '../board/session'

export function voterKeyFor(round: Pick<VotingRound, 'id' | 'anonymous'>, userId: string, secret: string): string {
  if (!round.anonymous) return userId
  return createHmac('sha256', secret).update(`vote\0${round.id}\0${userId}`).digest('base64url').slice(0, 22)
}
