// Builds the web app when the build is missing or older than its sources. Shared by
// `npm start` and `npm test` so both work on a fresh clone with no separate build step.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

export const root = path.resolve(import.meta.dirname, '..', '..')
const sources = ['app', 'components', 'lib', 'public', 'next.config.js', 'package-lock.json', 'tsconfig.json']

function newestMtime(entry) {
  const full = path.join(root, entry)
  if (!fs.existsSync(full)) return 0
  const stat = fs.statSync(full)
  if (!stat.isDirectory()) return stat.mtimeMs
  let newest = stat.mtimeMs
  for (const child of fs.readdirSync(full)) {
    if (child.endsWith('.test.ts') || child.endsWith('.test.tsx')) continue
    newest = Math.max(newest, newestMtime(path.join(entry, child)))
  }
  return newest
}

export function run(command, args, env = process.env) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env })
  return result.status ?? 1
}

export function ensureBuild() {
  if (run(process.execPath, ['scripts/copy-tldraw-assets.mjs']) !== 0) return 1
  const buildId = path.join(root, '.next', 'BUILD_ID')
  const built = fs.existsSync(buildId) ? fs.statSync(buildId).mtimeMs : 0
  if (built !== 0 && !sources.some((entry) => newestMtime(entry) > built)) return 0
  console.log(built === 0 ? 'Building the web app…' : 'Sources changed since the last build; rebuilding…')
  return run(process.execPath, [path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next'), 'build'], {
    ...process.env,
    NEXT_TELEMETRY_DISABLED: '1',
  })
}
