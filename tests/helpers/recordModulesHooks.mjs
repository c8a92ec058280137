// The loader hooks of ./recordModules.mjs: every module an `import` resolves to, written down.
import fs from 'node:fs'
import { fileURLToPath } from 'node:url'

let file

export function initialize(data) {
  file = data.file
}

export async function resolve(specifier, context, nextResolve) {
  const resolved = await nextResolve(specifier, context)
  const where = resolved.url.startsWith('file:') ? fileURLToPath(resolved.url) : resolved.url
  fs.appendFileSync(file, `esm ${where}\n`)
  return resolved
}
