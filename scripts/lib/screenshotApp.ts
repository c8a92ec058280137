/**
 * What every picture for the docs starts from: the web app built (when out of date), an app
 * server over a fresh demo database, and Chromium. `stop()` ends both.
 */
import type { Browser, Page } from 'playwright-core'
import type { TemplateNote } from '../../lib/board/template'
import { IDEA_GROUPS } from '../../lib/themes/testing/swedishIdeas'
import { DEMO_PASSWORD, DEMO_USERS } from '../../server/seed'
import { startAppServer, type AppServer } from '../../tests/helpers/appServer'
import { launchBrowser, signInThroughForm } from '../../tests/helpers/browser'
import { importWorkshop } from '../../tests/helpers/importWorkshop'

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

/**
 * The plan pictures' board, open and connected for the facilitator at 1366×768: 40 ideas in
 * Besökare och verksamhet, seven phrasings of each of the fixture's ideas.
 */
export async function openPlanWorkshop(server: AppServer, browser: Browser): Promise<{ page: Page; boardId: string }> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } })
  const page = await context.newPage()
  await signInThroughForm(page, server.url, DEMO_USERS.facilitator.email, DEMO_PASSWORD)
  const notes: TemplateNote[] = Object.values(IDEA_GROUPS)
    .flatMap((texts) => texts.slice(0, 7))
    .map((text) => ({ area: 'besokare', text }))
  const boardId = await importWorkshop(page.request, server.url, { name: 'Verksamhetsplan 2027 – workshop', notes })
  await page.goto(`${server.url}/boards/${boardId}`)
  await page.locator('.connection[data-state="connected"]').waitFor()
  return { page, boardId }
}
