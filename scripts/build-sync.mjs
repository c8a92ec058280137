// Compiles the sync-only node (server/syncMain.ts and what it imports of ours) into one
// JavaScript file, dist/sync-node.mjs, run with plain `node` — no TypeScript loader in the
// deployed process. Packages in node_modules stay imports, as they are.
//
// `node scripts/build-sync.mjs` builds when the output is missing or older than its sources;
// `--force` always. Written to a temporary file and renamed, so processes building at once
// (parallel tests) never see half a file.
import fs from 'node:fs'
import path from 'node:path'
import { build } from 'esbuild'

const root = path.resolve(import.meta.dirname, '..')
export const syncNodeFile = path.join(root, 'dist', 'sync-node.mjs')
const sources = ['server', 'lib', 'package-lock.json', 'tsconfig.json', 'scripts/build-sync.mjs']

function newestMtime(full) {
  if (!fs.existsSync(full)) return 0
  const stat = fs.statSync(full)
  if (!stat.isDirectory()) return stat.mtimeMs
  let newest = stat.mtimeMs
  for (const child of fs.readdirSync(full)) newest = Math.max(newest, newestMtime(path.join(full, child)))
  return newest
}

export function syncBuildIsCurrent() {
  if (!fs.existsSync(syncNodeFile)) return false
  const built = fs.statSync(syncNodeFile).mtimeMs
  return !sources.some((entry) => newestMtime(path.join(root, entry)) > built)
}

export async function buildSyncNode() {
  const result = await build({
    absWorkingDir: root,
    entryPoints: ['server/syncMain.ts'],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20.19',
    packages: 'external',
    sourcemap: 'linked',
    outfile: syncNodeFile,
    write: false,
    logLevel: 'warning',
    banner: { js: '// Built by scripts/build-sync.mjs from server/syncMain.ts; do not edit.' },
  })
  fs.mkdirSync(path.dirname(syncNodeFile), { recursive: true })
  // The source map first, so a current-looking .mjs always has its map.
  const files = [...result.outputFiles].sort((a, b) => Number(a.path.endsWith('.mjs')) - Number(b.path.endsWith('.mjs')))
  for (const file of files) {
    const temporary = `${file.path}.${process.pid}.tmp`
    fs.writeFileSync(temporary, file.contents)
    fs.renameSync(temporary, file.path)
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.join(root, 'scripts', 'build-sync.mjs')) {
  if (process.argv.includes('--force') || !syncBuildIsCurrent()) await buildSyncNode()
}
