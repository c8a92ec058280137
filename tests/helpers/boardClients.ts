/**
 * Synced y-websocket clients that clean up after themselves and record how their connections
 * ended, on top of the harness's `connectClient`.
 */
import type { BoardRole } from '../../lib/auth/roles'
import type { Cleanup } from './cleanup'
import { connectClient, type SyncHarness, type TestClient } from './syncHarness'

export interface BoardClient extends TestClient {
  /** Close code of every connection the server ended (null when the client closed it). */
  closeCodes: (number | null)[]
}

/** Connects a client to `boardId` and resolves once its first sync is complete. */
export async function joinWithToken(cleanup: Cleanup, syncUrl: string, boardId: string, token: string): Promise<BoardClient> {
  const client = connectClient(syncUrl, boardId, token)
  cleanup.add(() => client.destroy())
  const closeCodes: (number | null)[] = []
  client.provider.on('connection-close', (event) => closeCodes.push(event ? event.code : null))
  await client.synced
  return Object.assign(client, { closeCodes })
}

/** A synced client of the harness's board (or `boardId`) with a freshly minted token. */
export async function joinBoard(
  harness: SyncHarness,
  cleanup: Cleanup,
  options: { boardId?: string; role?: BoardRole; userId?: string; name?: string } = {},
): Promise<BoardClient> {
  const boardId = options.boardId ?? harness.boardId
  const token = await harness.mintToken({ ...options, boardId })
  return joinWithToken(cleanup, harness.syncUrl, boardId, token)
}
