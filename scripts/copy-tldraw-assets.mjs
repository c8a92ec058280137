// Copies tldraw's fonts, icons and translations into public/tldraw so the app serves them
// itself (no CDN). Runs after every install and before builds; cheap when already current.
import fs from 'node:fs'
import path from 'node:path'
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
const source = path.dirname(require.resolve('@tldraw/assets/package.json'))
const target = path.resolve(import.meta.dirname, '..', 'public', 'tldraw')
const version = JSON.parse(fs.readFileSync(path.join(source, 'package.json'), 'utf8')).version
const stamp = path.join(target, '.version')

if (fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === version) process.exit(0)
fs.rmSync(target, { recursive: true, force: true })
for (const folder of ['fonts', 'icons', 'translations', 'embed-icons']) {
  fs.cpSync(path.join(source, folder), path.join(target, folder), { recursive: true })
}
fs.writeFileSync(stamp, version)
console.log(`Copied tldraw ${version} assets to public/tldraw`)
