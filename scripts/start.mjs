// `npm start`: build the web app when the build is missing or older than the sources, then
// run the server (Next.js and the sync endpoint on one port).
import { spawnSync, spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

const root = path.resolve(import.meta.dirname, '..')
const buildId = path.join(root, '.next', 'BUILD_ID')
const sources = ['app', 'components', 'lib', 'public', 'next.config.js', 'package-lock.json', 'tsconfig.json']

function newestMtime(entry) {
  const full = path.join(root, entry)
  if (!fs.existsSync(full)) return 0
  const stat = fs.statSync(full)
  if (!stat.isDirectory()) return stat.mtimeMs
  let newest = stat.mtimeMs
  for (const child of fs.readdirSync(full)) newest = Math.max(newest, newestMtime(path.join(entry, child)))
  return newest
}

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' })
  if (result.status !== 0) process.exit(result.status ?? 1)
}

run(process.execPath, ['scripts/copy-tldraw-assets.mjs'])
const built = fs.existsSync(buildId) ? fs.statSync(buildId).mtimeMs : 0
if (built === 0 || sources.some((entry) => newestMtime(entry) > built)) {
  console.log(built === 0 ? 'Building the web app (first start)…' : 'Sources changed since the last build; rebuilding…')
  run(process.execPath, [path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next'), 'build'])
}

const server = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts', ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, NODE_ENV: process.env.NODE_ENV ?? 'production' },
})
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal))
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
