// Loaded into a server under test with `node --import ./tests/helpers/recordModules.mjs`:
// appends the path of every module the process loads, one a line, to the file named by
// RECORD_MODULES_FILE — ES modules as Node resolves them (a hook in Node's loader thread,
// ./recordModulesHooks.mjs), CommonJS modules as Node loads them (`Module.prototype.load`,
// which every `require` of a file not yet loaded goes through).
import fs from 'node:fs'
import Module, { register } from 'node:module'

const file = process.env.RECORD_MODULES_FILE
if (!file) throw new Error('recordModules.mjs needs RECORD_MODULES_FILE')

register('./recordModulesHooks.mjs', import.meta.url, { data: { file } })

const load = Module.prototype.load
Module.prototype.load = function recordedLoad(filename) {
  fs.appendFileSync(file, `cjs ${filename}\n`)
  return load.call(this, filename)
}
