// `npm start`: build the web app if needed, then run the server (Next.js and the sync
// endpoint on one port). Extra arguments go to server/main.ts.
import { spawn } from 'node:child_process'
import { ensureBuild, root } from './lib/ensureBuild.mjs'

const status = ensureBuild()
if (status !== 0) process.exit(status)

const server = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts', ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, NODE_ENV: process.env.NODE_ENV ?? 'production' },
})
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal))
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
