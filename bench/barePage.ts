/**
 * A bare tldraw page to measure ours against (bench/open.ts, bench/canvas.ts): tldraw 5.1.1
 * alone, built here with Vite (the same version and self-hosted assets as ours), which creates
 * `?notes=N` notes with the workshop's texts locally when it mounts, fit to the screen.
 */
import fs from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import type { AddressInfo } from 'node:net'
import { build } from 'vite'
import { workshopNotes } from '../tests/helpers/importWorkshop'

const ROOT = path.join(import.meta.dirname, '..')
const SRC = path.join(ROOT, 'bench', '.bare-tldraw')

/** The bare page's source: tldraw with self-hosted assets, making `?notes=N` notes on mount. */
const BARE_MAIN = `
import { createElement } from 'react'
import { createRoot } from 'react-dom/client'
import { Tldraw, createShapeId, toRichText } from 'tldraw'
import { getAssetUrls } from '@tldraw/assets/selfHosted'
import 'tldraw/tldraw.css'

const count = Number(new URLSearchParams(location.search).get('notes') ?? 3)
const texts = ${JSON.stringify(workshopNotes(5).map((n) => n.text.replace(/^Idé \d+: /, '')))}
const assetUrls = getAssetUrls({ baseUrl: '/tldraw' })

function onMount(editor) {
  const columns = Math.ceil(Math.sqrt(count * 16 / 9))
  editor.createShapes(Array.from({ length: count }, (_, i) => ({
    id: createShapeId('n' + i),
    type: 'note',
    x: (i % columns) * 224,
    y: Math.floor(i / columns) * 224,
    props: { richText: toRichText('Idé ' + (i + 1) + ': ' + texts[i % texts.length]) },
  })))
  editor.zoomToFit()
}

createRoot(document.getElementById('root')).render(
  createElement('div', { style: { position: 'fixed', inset: 0 } }, createElement(Tldraw, { assetUrls, onMount })),
)
`

/** Builds the bare page with Vite into a folder of its own; returns that folder. */
export async function buildBarePage(): Promise<string> {
  const src = SRC
  fs.rmSync(src, { recursive: true, force: true })
  fs.mkdirSync(src, { recursive: true })
  fs.writeFileSync(
    path.join(src, 'index.html'),
    '<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>tldraw</title></head><body><div id="root"></div><script type="module" src="./main.js"></script></body></html>',
  )
  fs.writeFileSync(path.join(src, 'main.js'), BARE_MAIN)
  await build({
    root: src,
    logLevel: 'warn',
    build: { outDir: path.join(src, 'dist'), emptyOutDir: true },
    define: { 'process.env.NODE_ENV': '"production"' },
  })
  return path.join(src, 'dist')
}

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.woff2': 'font/woff2',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.png': 'image/png',
}

/** Serves the bare page, and tldraw's self-hosted assets from where our app serves them. */
export async function serveBare(dist: string): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)
    const file = pathname.startsWith('/tldraw/')
      ? path.join(ROOT, 'public', pathname)
      : path.join(dist, pathname === '/' ? 'index.html' : pathname)
    if (!file.startsWith(ROOT) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404).end()
      return
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'cache-control': 'max-age=3600' })
    fs.createReadStream(file).pipe(res)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}

/** Removes what `buildBarePage` made. */
export function removeBarePage(): void {
  fs.rmSync(SRC, { recursive: true, force: true })
}
