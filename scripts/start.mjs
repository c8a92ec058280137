// `npm start`: build the web app if needed, then run the server (Next.js and the sync
// endpoint on one port). Extra arguments go to server/main.ts.
//
// `npm start -- --sync-only`: a sync-only node, which needs no web app: build
// dist/sync-node.mjs if needed (scripts/build-sync.mjs) and run it with plain Node.
import { spawn } from 'node:child_process'
import { ensureBuild, root } from './lib/ensureBuild.mjs'
import { buildSyncNode, syncBuildIsCurrent, syncNodeFile } from './build-sync.mjs'

const args = process.argv.slice(2)
const syncOnly = args.includes('--sync-only')
let command
if (syncOnly) {
  if (!syncBuildIsCurrent()) {
    console.log('Building the sync node…')
    await buildSyncNode()
  }
  command = [syncNodeFile, ...args.filter((arg) => arg !== '--sync-only')]
} else {
  const status = ensureBuild()
  if (status !== 0) process.exit(status)
  command = ['--import', 'tsx', 'server/main.ts', ...args]
}

const server = spawn(process.execPath, command, {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, NODE_ENV: process.env.NODE_ENV ?? 'production' },
})
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal))
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
