// `npm test`: unit and integration tests, then a build of the web app if needed, then the
// end-to-end tests in Chromium. Stops at the first failing stage.
import path from 'node:path'
import { ensureBuild, root, run } from './lib/ensureBuild.mjs'

const vitest = [path.join(root, 'node_modules', 'vitest', 'vitest.mjs'), 'run']
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' }

const stages = [
  ['unit and integration tests', () => run(process.execPath, [...vitest, '--project', 'unit', '--project', 'integration'], env)],
  ['web app build', () => ensureBuild()],
  ['end-to-end tests', () => run(process.execPath, [...vitest, '--project', 'e2e'], env)],
]

for (const [name, stage] of stages) {
  console.log(`\n▶ ${name}`)
  const status = stage()
  if (status !== 0) {
    console.error(`\n✗ ${name} failed`)
    process.exit(status)
  }
}
console.log('\n✓ all tests passed')
