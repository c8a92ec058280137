/**
 * What every picture for the docs starts from: the web app built (when out of date), an app
 * server over a fresh demo database, and Chromium. `stop()` ends both.
 */
import type { Browser } from 'playwright-core'
import { startAppServer, type AppServer } from '../../tests/helpers/appServer'
import { launchBrowser } from '../../tests/helpers/browser'

export async function startScreenshotApp(): Promise<{ server: AppServer; browser: Browser; stop(): Promise<void> }> {
  // Imported by a computed name: the build helper is plain JavaScript, outside the typecheck.
  const buildModule = './ensureBuild.mjs'
  const { ensureBuild } = (await import(buildModule)) as { ensureBuild(): number }
  if (ensureBuild() !== 0) throw new Error('the build failed')
  const server = await startAppServer()
  const browser = await launchBrowser()
  return {
    server,
    browser,
    async stop() {
      await browser.close()
      await server.stop()
    },
  }
}
