import { describe, expect, it } from 'vitest'
import { RoomTokenError, createRoomTokens, type RoomTokenClaims, type RoomTokenFailure } from './roomToken'

const SECRET = 'a-test-secret-that-is-long-enough-for-hs256'
const T0 = Date.UTC(2024, 0, 15, 9, 0)
const claims: RoomTokenClaims = { userId: 'user-anna', name: 'Anna Lind', boardId: 'board-a', role: 'participant' }

/** A clock the test moves by hand. */
function clock(start = T0) {
  let time = start
  return { now: () => time, advance: (ms: number) => (time += ms) }
}

async function refusal(promise: Promise<unknown>): Promise<RoomTokenFailure> {
  const error = await promise.then(
    () => {
      throw new Error('the token was accepted')
    },
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(RoomTokenError)
  return (error as RoomTokenError).reason
}

describe('room tokens', () => {
  it('verify gives back the claims that were minted', async () => {
    const tokens = createRoomTokens({ secret: SECRET, ttlSeconds: 60, now: clock().now })
    const { token } = await tokens.mint(claims)
    await expect(tokens.verify(token, 'board-a')).resolves.toEqual({ ...claims, issuedAt: Math.floor(T0 / 1000) * 1000 })
  })

  it('reports when the token expires', async () => {
    const tokens = createRoomTokens({ secret: SECRET, ttlSeconds: 60, now: clock().now })
    const { expiresAt } = await tokens.mint(claims)
    expect(expiresAt).toBe(T0 + 60_000)
  })

  it('accepts a token until just before it expires', async () => {
    const time = clock()
    const tokens = createRoomTokens({ secret: SECRET, ttlSeconds: 60, now: time.now })
    const { token } = await tokens.mint(claims)
    time.advance(59_000)
    await expect(tokens.verify(token, 'board-a')).resolves.toMatchObject(claims)
  })

  it('refuses a token for board A on board B as wrong-board', async () => {
    const tokens = createRoomTokens({ secret: SECRET, ttlSeconds: 60, now: clock().now })
    const { token } = await tokens.mint(claims)
    expect(await refusal(tokens.verify(token, 'board-b'))).toBe('wrong-board')
  })

  it('refuses a token past its lifetime as expired', async () => {
    const time = clock()
    const tokens = createRoomTokens({ secret: SECRET, ttlSeconds: 60, now: time.now })
    const { token } = await tokens.mint(claims)
    time.advance(61_000)
    expect(await refusal(tokens.verify(token, 'board-a'))).toBe('expired')
  })

  it('refuses a token signed with another secret as invalid', async () => {
    const other = createRoomTokens({ secret: 'another-secret-that-is-also-long-enough', ttlSeconds: 60, now: clock().now })
    const tokens = createRoomTokens({ secret: SECRET, ttlSeconds: 60, now: clock().now })
    const { token } = await other.mint(claims)
    expect(await refusal(tokens.verify(token, 'board-a'))).toBe('invalid')
  })

  it.each([null, undefined, ''])('refuses a missing token (%j) as missing', async (token) => {
    const tokens = createRoomTokens({ secret: SECRET, ttlSeconds: 60, now: clock().now })
    expect(await refusal(tokens.verify(token, 'board-a'))).toBe('missing')
  })

  it('refuses a token whose payload was changed as invalid', async () => {
    const tokens = createRoomTokens({ secret: SECRET, ttlSeconds: 60, now: clock().now })
    const { token } = await tokens.mint(claims)
    const [header, payload, signature] = token.split('.')
    const decoded = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'))
    expect(decoded.role).toBe('participant')
    const promoted = Buffer.from(JSON.stringify({ ...decoded, role: 'facilitator' })).toString('base64url')
    expect(await refusal(tokens.verify(`${header}.${promoted}.${signature}`, 'board-a'))).toBe('invalid')
  })

  it('refuses a string that is not a token as invalid', async () => {
    const tokens = createRoomTokens({ secret: SECRET, ttlSeconds: 60, now: clock().now })
    expect(await refusal(tokens.verify('not.a.token', 'board-a'))).toBe('invalid')
  })
})
