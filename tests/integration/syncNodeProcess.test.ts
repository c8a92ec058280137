/**
 * The sync-only node as it is deployed: `node dist/sync-node.mjs`, compiled JavaScript run by
 * plain Node, as a real process on port 0. It syncs clients over real sockets, answers health
 * and nothing else, and loads neither Next.js nor the TypeScript loader nor the full app's
 * services.
 */
import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createRoomTokens } from '../../lib/auth/roomToken'
import { joinWithToken } from '../helpers/boardClients'
import { addNote, noteTexts } from '../helpers/boardNotes'
import { createCleanup } from '../helpers/cleanup'
import { spawnServer } from '../helpers/spawnServer'
import { TEST_SECRET, eventually, prepareDatabase, tempDbPath } from '../helpers/syncHarness'

const cleanup = createCleanup()
const roomTokens = createRoomTokens({ secret: TEST_SECRET, ttlSeconds: 60 })
const projectDir = path.resolve(import.meta.dirname, '../..')

afterEach(() => cleanup.run())

async function startSyncNode(dbPath: string, { recordModulesTo }: { recordModulesTo?: string } = {}) {
  const node = await spawnServer({
    name: 'sync-only node',
    syncOnly: true,
    nodeArgs: recordModulesTo ? ['--import', './tests/helpers/recordModules.mjs'] : [],
    env: {
      NODE_ENV: 'test',
      DATABASE_PATH: dbPath,
      AUTH_SECRET: TEST_SECRET,
      ...(recordModulesTo ? { RECORD_MODULES_FILE: recordModulesTo } : {}),
    },
    startTimeoutMs: 30_000,
  })
  cleanup.add(() => node.stop('SIGKILL'))
  return node
}

describe('the sync-only node (dist/sync-node.mjs)', () => {
  it('syncs two clients’ notes through it, answers health, and 404 elsewhere', async () => {
    const dbPath = tempDbPath('sync-node')
    const board = await prepareDatabase(dbPath)
    const node = await startSyncNode(dbPath)
    // Plain Node on the compiled file: no loader between Node and the server.
    expect(node.child.spawnargs.slice(1)).toEqual(['dist/sync-node.mjs'])

    const join = async () => {
      const { token } = await roomTokens.mint({ ...board, name: 'Test Facilitator', role: 'facilitator' })
      return joinWithToken(cleanup, `ws://localhost:${node.port}/sync`, board.boardId, token)
    }
    const [anna, bo] = await Promise.all([join(), join()])
    addNote(anna.doc, 'from-anna', 'Annas idé')
    addNote(bo.doc, 'from-bo', 'Bos idé')
    await eventually(() => {
      expect(noteTexts(anna.doc)).toEqual(['Annas idé', 'Bos idé'])
      expect(noteTexts(bo.doc)).toEqual(['Annas idé', 'Bos idé'])
    })

    const health = await fetch(`http://localhost:${node.port}/api/health`)
    expect(health.status).toBe(200)
    expect(await health.json()).toMatchObject({ status: 'ok' })
    expect((await fetch(`http://localhost:${node.port}/`)).status).toBe(404)
    expect((await fetch(`http://localhost:${node.port}/api/auth/session`)).status).toBe(404)

    expect(await node.stop('SIGTERM'), node.output()).toBe(0)
  })

  it('loads neither Next.js nor the tsx loader, and holds none of the full app’s services', async () => {
    const dbPath = tempDbPath('sync-node-modules')
    const board = await prepareDatabase(dbPath)
    const recorded = path.join(path.dirname(dbPath), 'modules.txt')
    const node = await startSyncNode(dbPath, { recordModulesTo: recorded })
    // A client syncs first, so whatever a room loads on first use is loaded too.
    const { token } = await roomTokens.mint({ ...board, name: 'Test Facilitator', role: 'facilitator' })
    const client = await joinWithToken(cleanup, `ws://localhost:${node.port}/sync`, board.boardId, token)
    addNote(client.doc, 'one', 'En idé')
    await eventually(() => expect(noteTexts(client.doc)).toEqual(['En idé']))

    const modules = fs.readFileSync(recorded, 'utf8').split('\n').filter(Boolean)
    const loaded = (dir: string) => modules.filter((line) => line.includes(`${path.sep}node_modules${path.sep}${dir}${path.sep}`))
    // The recorder sees what the node does load, both kinds: an ES module import and the
    // CommonJS files behind it (better-sqlite3 is CommonJS, as Next.js is).
    expect(modules).toContain(`esm ${path.join(projectDir, 'dist', 'sync-node.mjs')}`)
    expect(loaded('ws').length).toBeGreaterThan(0)
    expect(loaded('better-sqlite3').some((line) => line.startsWith('cjs '))).toBe(true)
    expect(loaded('next')).toEqual([])
    expect(loaded('next-auth')).toEqual([])
    expect(loaded('react')).toEqual([])
    expect(loaded('tsx')).toEqual([])
    expect(loaded('@node-rs')).toEqual([])

    // What esbuild bundled of ours, by the source paths it names in the output.
    const bundle = fs.readFileSync(path.join(projectDir, 'dist', 'sync-node.mjs'), 'utf8')
    expect(bundle).toContain('// server/sync/createSyncServer.ts')
    for (const left of [
      'server/services.ts',
      'server/startServer.ts',
      'server/rounds/',
      'server/people/',
      'server/housekeeping/',
      'app/',
    ]) {
      expect(bundle).not.toContain(`// ${left}`)
    }
  })
})
