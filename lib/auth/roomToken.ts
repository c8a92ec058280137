/**
 * Room tokens: short-lived, signed permission to open one board's sync room. Minted by an
 * authenticated route, verified by the sync server before a socket joins a room. The same
 * module does both so the two sides cannot drift.
 */
import { SignJWT, jwtVerify, errors as joseErrors } from 'jose'
import type { PersonOnBoard } from './person'
import { isBoardRole } from './roles'

const AUDIENCE = 'strategitavlan:sync'
const ISSUER = 'strategitavlan'

/** The person the token is for, with their role on its board. */
export interface RoomTokenClaims extends PersonOnBoard {
  /** When the token was minted (epoch ms, whole seconds); set by `verify`, ignored by `mint`. */
  issuedAt?: number
}

export type RoomTokenFailure = 'missing' | 'invalid' | 'expired' | 'wrong-board'

export class RoomTokenError extends Error {
  constructor(readonly reason: RoomTokenFailure) {
    super(`Room token ${reason}`)
    this.name = 'RoomTokenError'
  }
}

export interface RoomTokens {
  mint(claims: RoomTokenClaims): Promise<{ token: string; expiresAt: number }>
  /** Resolves to the claims, or rejects with a {@link RoomTokenError}. */
  verify(token: string | null | undefined, boardId: string): Promise<RoomTokenClaims>
}

/** Room tokens get a key of their own, derived from the app secret, apart from sessions'. */
async function deriveKey(secret: string): Promise<Uint8Array> {
  const data = new TextEncoder().encode(`strategitavlan room token key\0${secret}`)
  return new Uint8Array(await crypto.subtle.digest('SHA-256', data))
}

export function createRoomTokens(options: { secret: string; ttlSeconds: number; now?: () => number }): RoomTokens {
  const key = deriveKey(options.secret)
  const now = options.now ?? Date.now
  return {
    async mint(claims) {
      const issuedAt = Math.floor(now() / 1000)
      const expiresAt = issuedAt + options.ttlSeconds
      const token = await new SignJWT({ name: claims.name, board: claims.boardId, role: claims.role })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(claims.userId)
        .setAudience(AUDIENCE)
        .setIssuer(ISSUER)
        .setIssuedAt(issuedAt)
        .setExpirationTime(expiresAt)
        .sign(await key)
      return { token, expiresAt: expiresAt * 1000 }
    },
    async verify(token, boardId) {
      if (!token) throw new RoomTokenError('missing')
      let payload
      try {
        ;({ payload } = await jwtVerify(token, await key, {
          audience: AUDIENCE,
          issuer: ISSUER,
          algorithms: ['HS256'],
          currentDate: new Date(now()),
        }))
      } catch (error) {
        throw new RoomTokenError(error instanceof joseErrors.JWTExpired ? 'expired' : 'invalid')
      }
      const { sub, name, board, role, iat } = payload as Record<string, unknown>
      if (typeof sub !== 'string' || typeof name !== 'string' || typeof board !== 'string' || !isBoardRole(role)) {
        throw new RoomTokenError('invalid')
      }
      if (board !== boardId) throw new RoomTokenError('wrong-board')
      return { userId: sub, name, boardId: board, role, ...(typeof iat === 'number' ? { issuedAt: iat * 1000 } : {}) }
    },
  }
}
