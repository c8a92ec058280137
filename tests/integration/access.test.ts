/**
 * Access enforced by the sync server while sockets are open: observers' writes go nowhere,
 * and removing a member, revoking an invite link or changing a role closes the affected
 * sockets within five seconds (4403 for no access, 4401 for another role), on every node,
 * while everyone else stays connected.
 */
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { guestUserId } from '../../lib/auth/boardAccess'
import { hashInviteToken, newInviteToken } from '../../lib/auth/inviteToken'
import type { BoardRole } from '../../lib/auth/roles'
import { silentLogger } from '../../server/logger'
import { createServices } from '../../server/services'
import { startServer } from '../../server/startServer'
import { createSyncServer } from '../../server/sync/createSyncServer'
import type { Principal } from '../../server/sync/connection'
import { createSyncAuthorizer } from '../../server/syncAuthorizer'
import { joinBoard, joinWithToken, type BoardClient } from '../helpers/boardClients'
import { addNote, hasChangesFrom, loadStoredDoc, noteTexts } from '../helpers/boardNotes'
import { createCleanup } from '../helpers/cleanup'
import { openRawSocket, syncSocketUrl } from '../helpers/rawSocket'
import { eventually, startSyncHarness, type SyncHarness } from '../helpers/syncHarness'

/** What the server promises: a revoked socket is closed within this long. */
const REVOCATION_DEADLINE_MS = 5000
/** The harness re-checks access this often (2 s in production), so a full round is short. */
const REVALIDATE_MS = 200
/** Long enough for a full re-check round to have run on every node. */
const FULL_ROUND_MS = 2 * REVALIDATE_MS + 100

const cleanup = createCleanup()
let harness: SyncHarness
let people = 0

beforeAll(async () => {
  harness = await startSyncHarness({ SYNC_REVALIDATE_MS: String(REVALIDATE_MS) })
})

afterAll(() => harness.close())
afterEach(() => cleanup.run())

/** A staff member with `role` on `boardId`, connected with a token naming that role. */
async function memberOnBoard(boardId: string, role: BoardRole, syncUrl = harness.syncUrl) {
  const { store } = harness.services
  const user = await store.users.create({ email: `member.${++people}@bibliotek.example.se`, name: `Member ${people}`, passwordHash: null })
  await store.boards.setRole(boardId, user.id, role)
  const token = await harness.mintToken({ boardId, userId: user.id, name: user.name, role })
  return { user, client: await joinWithToken(cleanup, syncUrl, boardId, token) }
}

/** A guest who joined through a new invite link with `role`, connected. */
async function guestOnBoard(boardId: string, role: BoardRole) {
  const { store } = harness.services
  const invite = await store.invites.create({
    boardId,
    role,
    label: 'Filial Skärholmen',
    createdBy: harness.userId,
    expiresAt: Date.now() + 60_000,
    tokenHash: hashInviteToken(newInviteToken()),
  })
  const guest = await store.guests.create({ boardId, inviteId: invite.id, name: 'Filial Skärholmen' })
  const token = await harness.mintToken({ boardId, userId: guestUserId(guest.id), name: guest.name, role })
  return { invite, guest, client: await joinWithToken(cleanup, harness.syncUrl, boardId, token) }
}

/** Runs `change` and resolves with how the client's connection ended and how long it took. */
async function closedAfter(client: BoardClient, change: () => Promise<unknown>) {
  const start = Date.now()
  await change()
  const closed = await Promise.race([
    client.closed,
    new Promise<null>((resolve) => setTimeout(() => resolve(null), REVOCATION_DEADLINE_MS + 1000)),
  ])
  return { closed, ms: Date.now() - start }
}

/** Waits out a full re-check round and then proves the clients are still live on the board. */
async function expectStillOnBoard(boardId: string, writer: BoardClient, readers: BoardClient[], text: string) {
  await new Promise((resolve) => setTimeout(resolve, FULL_ROUND_MS))
  for (const client of [writer, ...readers]) {
    expect(client.closeCodes).toEqual([])
    expect(client.provider.wsconnected).toBe(true)
  }
  addNote(writer.doc, `still-${text}`, text)
  await eventually(() => {
    for (const reader of readers) expect(noteTexts(reader.doc)).toContain(text)
  })
  expect(harness.services.sync.room(boardId)!.connections.size).toBe(readers.length + 1)
}

/** The socket is closed with `expected` before the server sent it a single byte of the board. */
async function expectRefusedOnJoin(boardId: string, token: string, expected: { code: number; reason: string }) {
  const raw = openRawSocket(syncSocketUrl(harness.syncUrl, boardId, token))
  cleanup.add(() => raw.socket.terminate())
  expect(await raw.closed).toEqual(expected)
  expect(raw.messages).toEqual([])
}

describe('observers', () => {
  it('an observer’s edits are applied nowhere and reach no one, but it sees and is seen', async () => {
    const board = await harness.createBoard()
    const facilitator = await joinBoard(harness, cleanup, { boardId: board })
    const observer = await memberOnBoard(board, 'observer')

    // Offline edits go out in the observer's sync step 2 when it reconnects; live ones as updates.
    observer.client.provider.disconnect()
    addNote(observer.client.doc, 'offline', 'Skrivet offline')
    observer.client.provider.connect()
    await eventually(() => expect(observer.client.provider.synced).toBe(true))
    addNote(observer.client.doc, 'live', 'Skrivet live')
    observer.client.provider.awareness.setLocalStateField('user', { name: 'Observatör' })

    // The facilitator's later note reaches the observer only after the server handled the
    // observer's messages, which were sent first.
    addNote(facilitator.doc, 'after', 'Från facilitatorn')
    await eventually(() => expect(noteTexts(observer.client.doc)).toContain('Från facilitatorn'))
    await eventually(() =>
      expect(facilitator.provider.awareness.getStates().get(observer.client.doc.clientID)).toEqual({ user: { name: 'Observatör' } }),
    )

    const observerId = observer.client.doc.clientID
    const room = harness.services.sync.room(board)!
    await room.drained()
    expect(hasChangesFrom(room.doc, observerId)).toBe(false)
    expect(hasChangesFrom(facilitator.doc, observerId)).toBe(false)
    expect(noteTexts(facilitator.doc)).toEqual(['Från facilitatorn'])
    const stored = await loadStoredDoc(harness.services.store.docs, board)
    expect(hasChangesFrom(stored, observerId)).toBe(false)
    expect(noteTexts(stored)).toEqual(['Från facilitatorn'])
    // The one close is the disconnect the test made itself; the server closed nothing.
    expect(observer.client.closeCodes).toEqual([null])
  })
})

describe('revocation while connected', () => {
  it('removing a member closes their socket with 4403 within five seconds; others stay', async () => {
    const board = await harness.createBoard()
    const facilitator = await joinBoard(harness, cleanup, { boardId: board })
    const removed = await memberOnBoard(board, 'participant')
    const colleague = await memberOnBoard(board, 'participant')

    const { closed, ms } = await closedAfter(removed.client, () => harness.services.store.boards.removeMember(board, removed.user.id))
    expect(closed).toEqual({ code: 4403, reason: 'access revoked' })
    expect(ms).toBeLessThan(REVOCATION_DEADLINE_MS)
    // 44xx stops the stock provider from reconnecting.
    expect(removed.client.provider.shouldConnect).toBe(false)
    await expectStillOnBoard(board, facilitator, [colleague.client], 'Kvar efter borttagningen')
  })

  it('closes every socket the removed member has open', async () => {
    const board = await harness.createBoard()
    const facilitator = await joinBoard(harness, cleanup, { boardId: board })
    const removed = await memberOnBoard(board, 'participant')
    const token = await harness.mintToken({ boardId: board, userId: removed.user.id, name: removed.user.name, role: 'participant' })
    const secondTab = await joinWithToken(cleanup, harness.syncUrl, board, token)

    await harness.services.store.boards.removeMember(board, removed.user.id)
    const closes = await Promise.all([removed.client.closed, secondTab.closed])
    expect(closes.map((c) => c.code)).toEqual([4403, 4403])
    await expectStillOnBoard(board, facilitator, [], 'Ensam kvar')
  })

  it('revoking an invite link closes its guests’ sockets with 4403; other links’ guests stay', async () => {
    const board = await harness.createBoard()
    const facilitator = await joinBoard(harness, cleanup, { boardId: board })
    const revoked = await guestOnBoard(board, 'participant')
    const kept = await guestOnBoard(board, 'participant')
    addNote(revoked.client.doc, 'guest-note', 'Från filialen')
    await eventually(() => expect(noteTexts(facilitator.doc)).toContain('Från filialen'))

    const { closed, ms } = await closedAfter(revoked.client, () => harness.services.store.invites.revoke(revoked.invite.id))
    expect(closed).toEqual({ code: 4403, reason: 'access revoked' })
    expect(ms).toBeLessThan(REVOCATION_DEADLINE_MS)
    await expectStillOnBoard(board, facilitator, [kept.client], 'Kvar efter återkallandet')
    // What the guest wrote before is kept.
    expect(noteTexts(facilitator.doc)).toContain('Från filialen')
  })

  it('changing a member’s role closes with 4401; a token for the new role lets them back in', async () => {
    const board = await harness.createBoard()
    const facilitator = await joinBoard(harness, cleanup, { boardId: board })
    const member = await memberOnBoard(board, 'participant')

    const { closed, ms } = await closedAfter(member.client, () => harness.services.store.boards.setRole(board, member.user.id, 'observer'))
    expect(closed).toEqual({ code: 4401, reason: 'role changed' })
    expect(ms).toBeLessThan(REVOCATION_DEADLINE_MS)

    // What our client does on 4401: fetch a token (now naming the new role) and reconnect.
    const token = await harness.mintToken({ boardId: board, userId: member.user.id, name: member.user.name, role: 'observer' })
    member.client.provider.params = { token }
    member.client.provider.connect()
    await eventually(() => expect(member.client.provider.wsconnected).toBe(true))
    addNote(facilitator.doc, 'seen', 'Syns för observatören')
    await eventually(() => expect(noteTexts(member.client.doc)).toContain('Syns för observatören'))
    await new Promise((resolve) => setTimeout(resolve, FULL_ROUND_MS))
    expect(member.client.provider.wsconnected).toBe(true)
    expect(member.client.closeCodes).toEqual([4401])
  })

  it('a token minted before the removal no longer opens the board', async () => {
    const board = await harness.createBoard()
    const member = await memberOnBoard(board, 'participant')
    const token = await harness.mintToken({ boardId: board, userId: member.user.id, name: member.user.name, role: 'participant' })
    await harness.services.store.boards.removeMember(board, member.user.id)
    await member.client.closed

    await expectRefusedOnJoin(board, token, { code: 4403, reason: 'access revoked' })
  })

  it('a token naming a role the member no longer has is refused with 4401', async () => {
    const board = await harness.createBoard()
    const member = await memberOnBoard(board, 'observer')
    member.client.destroy()
    const stale = await harness.mintToken({ boardId: board, userId: member.user.id, name: member.user.name, role: 'participant' })
    await expectRefusedOnJoin(board, stale, { code: 4401, reason: 'role changed' })
  })
})

describe('revocation among many sockets of one board (the re-check asks once per board)', () => {
  it('of twelve members, three guests and a member signed out everywhere, exactly the revoked ones are closed', async () => {
    const board = await harness.createBoard()
    const facilitator = await joinBoard(harness, cleanup, { boardId: board })
    const members = []
    for (let i = 0; i < 12; i++) members.push(await memberOnBoard(board, i % 3 === 0 ? 'observer' : 'participant'))
    const guests = [
      await guestOnBoard(board, 'participant'),
      await guestOnBoard(board, 'observer'),
      await guestOnBoard(board, 'participant'),
    ]
    const removed = members[4]
    const revoked = guests[1]
    const signedOut = members[7]
    // Sessions ended after the token's second: only this member's sockets go.
    await new Promise((resolve) => setTimeout(resolve, 1100))

    const { store } = harness.services
    await Promise.all([
      store.boards.removeMember(board, removed.user.id),
      store.invites.revoke(revoked.invite.id),
      store.users.endSessions(signedOut.user.id, Date.now()),
    ])
    const closes = await Promise.all([removed.client.closed, revoked.client.closed, signedOut.client.closed])
    expect(closes).toEqual([
      { code: 4403, reason: 'access revoked' },
      { code: 4403, reason: 'access revoked' },
      { code: 4403, reason: 'access revoked' },
    ])
    const kept = [...members.filter((m) => m !== removed && m !== signedOut), ...guests.filter((g) => g !== revoked)].map((p) => p.client)
    await expectStillOnBoard(board, facilitator, kept, 'Kvar bland många')
  })
})

describe('across nodes', () => {
  it('a removal made through one node closes the member’s socket on another node', async () => {
    const board = await harness.createBoard()
    // A second node over the same database, as a scaled-out deployment runs them.
    const env = { ...harness.env }
    const services = await createServices(env, silentLogger)
    const otherNode = await startServer({ env, logger: silentLogger, services, web: false })
    cleanup.add(() => otherNode.close())
    const syncUrl = `ws://localhost:${otherNode.port}/sync`

    const removed = await memberOnBoard(board, 'participant', syncUrl)
    const staying = await memberOnBoard(board, 'participant', syncUrl)
    expect(otherNode.services.sync.room(board)?.connections.size).toBe(2)
    expect(harness.services.sync.room(board)).toBeUndefined()

    const { closed, ms } = await closedAfter(removed.client, () => harness.services.store.boards.removeMember(board, removed.user.id))
    expect(closed).toEqual({ code: 4403, reason: 'access revoked' })
    expect(ms).toBeLessThan(REVOCATION_DEADLINE_MS)
    await new Promise((resolve) => setTimeout(resolve, FULL_ROUND_MS))
    expect(staying.client.closeCodes).toEqual([])
    expect(otherNode.services.sync.room(board)?.connections.size).toBe(1)
  })
})

describe('the re-check', () => {
  /** A sync server over the harness's store whose re-check is `revalidate` (or `revalidateBoard`), every 100 ms. */
  async function syncServerWith(
    revalidate: (principal: Principal) => Promise<BoardRole | null>,
    revalidateBoard?: (boardId: string, principals: Principal[]) => Promise<(BoardRole | null)[]>,
  ) {
    const sync = createSyncServer({
      docs: harness.services.store.docs,
      authorize: createSyncAuthorizer({
        roomTokens: harness.services.roomTokens,
        boards: harness.services.store.boards,
        allowedOrigins: null,
      }),
      revalidate,
      revalidateBoard,
      revalidateEveryMs: 100,
      logger: silentLogger,
    })
    const server = http.createServer((_request, response) => response.writeHead(404).end())
    server.on('upgrade', (request, socket, head) => sync.handleUpgrade(request, socket, head))
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    cleanup.add(async () => {
      await sync.close()
      server.closeAllConnections()
      await new Promise((resolve) => server.close(resolve))
    })
    return `ws://localhost:${(server.address() as AddressInfo).port}/sync`
  }

  it('asks once per user and board each round, however many sockets they have open', async () => {
    const board = await harness.createBoard()
    const asked = new Map<string, number>()
    const syncUrl = await syncServerWith(async (principal) => {
      asked.set(principal.userId, (asked.get(principal.userId) ?? 0) + 1)
      return principal.role
    })
    const facilitatorToken = await harness.mintToken({ boardId: board })
    const tabs = [
      await joinWithToken(cleanup, syncUrl, board, facilitatorToken),
      await joinWithToken(cleanup, syncUrl, board, facilitatorToken),
      await joinWithToken(cleanup, syncUrl, board, facilitatorToken),
    ]
    const other = await joinWithToken(cleanup, syncUrl, board, await harness.mintToken({ boardId: board, role: 'observer' }))
    asked.clear()

    await new Promise((resolve) => setTimeout(resolve, 550))
    const facilitatorRounds = asked.get(harness.userId) ?? 0
    const otherRounds = [...asked].filter(([userId]) => userId !== harness.userId).reduce((n, [, count]) => n + count, 0)
    expect(facilitatorRounds).toBeGreaterThanOrEqual(3)
    expect(Math.abs(facilitatorRounds - otherRounds)).toBeLessThanOrEqual(1)
    for (const client of [...tabs, other]) expect(client.closeCodes).toEqual([])
  })

  it('with a board-wide check, asks once per board each round, for every person of the board at once', async () => {
    const boards = [await harness.createBoard(), await harness.createBoard()]
    const asked: { boardId: string; userIds: string[] }[] = []
    let joinChecks = 0
    const syncUrl = await syncServerWith(
      async (principal) => {
        joinChecks++
        return principal.role
      },
      async (boardId, principals) => {
        asked.push({ boardId, userIds: principals.map((p) => p.userId) })
        return principals.map((p) => p.role)
      },
    )
    const clients = []
    for (const boardId of boards) {
      const facilitatorToken = await harness.mintToken({ boardId })
      clients.push(await joinWithToken(cleanup, syncUrl, boardId, facilitatorToken))
      clients.push(await joinWithToken(cleanup, syncUrl, boardId, facilitatorToken))
      clients.push(await joinWithToken(cleanup, syncUrl, boardId, await harness.mintToken({ boardId, role: 'observer' })))
      clients.push(await joinWithToken(cleanup, syncUrl, boardId, await harness.mintToken({ boardId, role: 'participant' })))
    }
    expect(joinChecks).toBe(8)
    asked.length = 0

    await new Promise((resolve) => setTimeout(resolve, 550))
    expect(joinChecks).toBe(8)
    const perBoard = boards.map((boardId) => asked.filter((a) => a.boardId === boardId))
    expect(perBoard[0].length).toBeGreaterThanOrEqual(3)
    expect(Math.abs(perBoard[0].length - perBoard[1].length)).toBeLessThanOrEqual(1)
    // Each round names each person once: the facilitator's two tabs share one token.
    for (const round of asked) expect(new Set(round.userIds).size).toBe(3)
    for (const round of asked) expect(round.userIds).toHaveLength(3)
    for (const client of clients) expect(client.closeCodes).toEqual([])
  })

  it('closes only the sockets the board-wide check answers no role for', async () => {
    const board = await harness.createBoard()
    const revokedUser = (await harness.services.store.users.create({ email: 'bo@bibliotek.example.se', name: 'Bo', passwordHash: null })).id
    let revoke = false
    const syncUrl = await syncServerWith(
      async (principal) => principal.role,
      async (_boardId, principals) => principals.map((p) => (revoke && p.userId === revokedUser ? null : p.role)),
    )
    const gone = await joinWithToken(
      cleanup,
      syncUrl,
      board,
      await harness.mintToken({ boardId: board, userId: revokedUser, role: 'participant' }),
    )
    const stays = await joinWithToken(cleanup, syncUrl, board, await harness.mintToken({ boardId: board, role: 'participant' }))
    revoke = true
    expect(await gone.closed).toEqual({ code: 4403, reason: 'access revoked' })
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(stays.closeCodes).toEqual([])
  })

  it('keeps sockets open while the lookup fails, and acts once it answers again', async () => {
    const board = await harness.createBoard()
    let answer: 'role' | 'error' | 'none' = 'role'
    const syncUrl = await syncServerWith(async (principal) => {
      if (answer === 'error') throw new Error('database unavailable')
      return answer === 'role' ? principal.role : null
    })
    const client = await joinWithToken(cleanup, syncUrl, board, await harness.mintToken({ boardId: board }))
    answer = 'error'
    await new Promise((resolve) => setTimeout(resolve, 400))
    expect(client.closeCodes).toEqual([])
    expect(client.provider.wsconnected).toBe(true)

    answer = 'none'
    expect(await client.closed).toEqual({ code: 4403, reason: 'access revoked' })
  })
})
