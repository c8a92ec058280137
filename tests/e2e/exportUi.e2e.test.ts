/**
 * Export and history as a facilitator uses them, in real Chromium: the board as PNG and PDF
 * (the files open: the PNG decodes to the size the editor made, the PDF has a title page and a
 * page per step), a snapshot saved, previewed, restored in place and the restore undone, and a
 * backup imported from the home page.
 */
import fs from 'node:fs'
import path from 'node:path'
import { PDFDocument } from 'pdf-lib'
import { PNG } from 'pngjs'
import type { Browser, BrowserContext, Download, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO_BOARD_NAME, DEMO_PASSWORD, DEMO_USERS } from '../../server/seed'
import { startAppServer, type AppServer } from '../helpers/appServer'
import { launchBrowser, signInByApi } from '../helpers/browser'

const VIEWPORT = { width: 1366, height: 900 }
const IDEA = 'Idé som kommer efter bilden'
const HOSTILE = '</svg><script>alert(1)</script>'
const SHOTS = process.env.EXPORT_SCREENSHOTS_DIR

let server: AppServer
let browser: Browser
let context: BrowserContext
let page: Page
const foreignRequests: string[] = []

async function shot(name: string) {
  if (SHOTS) await page.screenshot({ path: path.join(SHOTS, `${name}.png`) })
}

async function downloaded(download: Download): Promise<Buffer> {
  const bytes = await fs.promises.readFile((await download.path())!)
  if (SHOTS) await fs.promises.writeFile(path.join(SHOTS, `download-${download.suggestedFilename()}`), bytes)
  return bytes
}

async function openDemoBoard() {
  await page.goto(server.url)
  await page.getByRole('link', { name: new RegExp(DEMO_BOARD_NAME) }).click()
  await page.waitForURL(/\/boards\//)
  await page.locator('.area[data-area="ekonomi"]').waitFor()
  await expect.poll(() => page.locator('.connection').getAttribute('data-state')).toBe('connected')
}

const notesOnCanvas = (text: string) => page.locator('.tl-shape[data-shape-type="note"]', { hasText: text })

beforeAll(async () => {
  server = await startAppServer()
  browser = await launchBrowser()
  context = await browser.newContext({ viewport: VIEWPORT, acceptDownloads: true })
  context.on('request', (request) => {
    const url = new URL(request.url())
    if (['data:', 'blob:'].includes(url.protocol)) return
    if (!['localhost', '127.0.0.1'].includes(url.hostname)) foreignRequests.push(request.url())
  })
  await signInByApi(context, server.url, DEMO_USERS.facilitator.email, DEMO_PASSWORD)
  page = await context.newPage()
})

afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

describe('exporting a board in the browser', () => {
  it('downloads the whole board as a PNG that decodes to the size the editor made', async () => {
    await openDemoBoard()
    await page.getByRole('button', { name: 'Exportera' }).click()
    const dialog = page.getByRole('dialog', { name: 'Exportera tavlan' })
    await dialog.getByLabel('Hela tavlan').check()
    await dialog.getByLabel('Format').selectOption('png')
    // Every value the progress bar takes while the picture is made (read in the page, so none is
    // missed between two polls from here).
    await page.evaluate(() => {
      const seen: string[] = ((window as unknown as { progressSeen: string[] }).progressSeen = [])
      new MutationObserver(() => {
        const value = document.querySelector('[data-export-status] progress')?.getAttribute('value')
        if (value && seen.at(-1) !== value) seen.push(value)
      }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['value'] })
    })
    const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Ladda ned' }).click()])
    expect(download.suggestedFilename()).toMatch(/^Verksamhetsplan – workshop \d{4}-\d{2}-\d{2}\.png$/)
    // The bar moved through the work (the SVG, then bands of pixels, then the encoding), and the
    // status a screen reader follows ends saying the picture is done.
    const progress = (await page.evaluate(() => (window as unknown as { progressSeen: string[] }).progressSeen)).map(Number)
    // (This small board is one band of pixels; bench/export.ts counts the steps of 1,000 notes.)
    expect(progress[0]).toBe(0)
    expect(progress.length).toBeGreaterThanOrEqual(2)
    expect(progress).toEqual([...progress].sort((a, b) => a - b))
    await expect.poll(() => dialog.getByRole('status').textContent()).toMatch(/^Klart: \d+ × \d+ px\./)
    const png = PNG.sync.read(await downloaded(download))
    const done = dialog.locator('[data-export-status="done"] [data-width]')
    expect(Number(await done.getAttribute('data-width'))).toBe(png.width)
    expect(Number(await done.getAttribute('data-height'))).toBe(png.height)
    // The template spans thousands of units; a blank or clipped picture would be far smaller.
    expect(png.width).toBeGreaterThan(2000)
    expect(png.height).toBeGreaterThan(1000)
    const distinct = new Set<number>()
    for (let i = 0; i < png.data.length; i += 4 * 997) distinct.add(png.data.readUInt32BE(i))
    expect(distinct.size).toBeGreaterThan(5)
    await shot('export-dialog')
    await dialog.getByRole('button', { name: 'Stäng' }).click()
  })

  it('paints the whole-board PNG as the board’s SVG shows it, every note’s text in it, broken into lines as on the canvas', async () => {
    const exportAs = async (format: 'png' | 'svg') => {
      await page.getByRole('button', { name: 'Exportera' }).click()
      const dialog = page.getByRole('dialog', { name: 'Exportera tavlan' })
      await dialog.getByLabel('Hela tavlan').check()
      await dialog.getByLabel('Format').selectOption(format)
      const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Ladda ned' }).click()])
      const bytes = await downloaded(download)
      await dialog.getByRole('button', { name: 'Stäng' }).click()
      return bytes
    }
    const svg = (await exportAs('svg')).toString('utf8')
    const png = await exportAs('png')
    const notesOnBoard = await page.locator('.tl-shape[data-shape-type="note"] .tl-rich-text').allTextContents()
    const compared = await page.evaluate(
      async ({ svg, png }) => {
        const svgImage = new Image()
        svgImage.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`
        await svgImage.decode()
        const pngImage = await createImageBitmap(new Blob([Uint8Array.from(atob(png), (c) => c.charCodeAt(0))], { type: 'image/png' }))
        const pixels = (image: CanvasImageSource) => {
          const canvas = document.createElement('canvas')
          canvas.width = pngImage.width
          canvas.height = pngImage.height
          const context = canvas.getContext('2d')!
          context.drawImage(image, 0, 0, canvas.width, canvas.height)
          return context.getImageData(0, 0, canvas.width, canvas.height).data
        }
        // The SVG drawn in one piece, against the PNG the export drew band by band.
        const [whole, banded] = [pixels(svgImage), pixels(pngImage)]
        let differing = 0
        for (let i = 0; i < whole.length; i += 4) {
          if ([0, 1, 2].some((c) => Math.abs(whole[i + c] - banded[i + c]) > 24)) differing++
        }
        const xml = new DOMParser().parseFromString(svg, 'image/svg+xml')
        // Each note's lines as the label on the canvas shows them: its characters grouped by
        // the line box they sit in, a soft hyphen at a line's end shown as the hyphen it draws.
        const canvasLines = (label: Element) => {
          const lines: { top: number; text: string }[] = []
          const walker = document.createTreeWalker(label, NodeFilter.SHOW_TEXT)
          const range = document.createRange()
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            const text = node.textContent ?? ''
            for (let i = 0; i < text.length; i++) {
              range.setStart(node, i)
              range.setEnd(node, i + 1)
              const rects = range.getClientRects()
              const rect = rects[rects.length - 1]
              if (!rect) continue
              const line = lines.find((l) => Math.abs(l.top - rect.top) < rect.height / 2)
              if (line) line.text += text[i]
              else lines.push({ top: rect.top, text: text[i] })
            }
          }
          return lines
            .sort((a, b) => a.top - b.top)
            .map((l) =>
              l.text
                .replace(/\u00ad$/, '-')
                .replaceAll('\u00ad', '')
                .trim(),
            )
            .filter((l) => l !== '')
        }
        const onCanvas = [...document.querySelectorAll('.tl-shape[data-shape-type="note"] .tl-rich-text')].map((label) => ({
          text: (label.textContent ?? '').replace(/[\s\u00ad]/g, ''),
          lines: canvasLines(label),
        }))
        const inSvg = new Map(
          [...xml.querySelectorAll('text[aria-label]')].map((t) => [
            (t.getAttribute('aria-label') ?? '').replace(/\s/g, ''),
            [...t.querySelectorAll('tspan')].map((span) => (span.textContent ?? '').trim()),
          ]),
        )
        return {
          differing: differing / (whole.length / 4),
          texts: [...xml.querySelectorAll('text[aria-label]')].map((t) => t.getAttribute('aria-label')),
          lines: onCanvas.filter((note) => note.lines.length > 0).map((note) => ({ ...note, inSvg: inSvg.get(note.text) })),
        }
      },
      { svg, png: png.toString('base64') },
    )
    expect(compared.differing).toBeLessThan(0.001)
    // Every note the board shows is in the picture, as its text.
    expect(notesOnBoard.length).toBeGreaterThan(20)
    const bare = (text: string | null) => (text ?? '').replace(/[\s\u00ad]/g, '')
    const inPicture = compared.texts.map(bare)
    for (const text of notesOnBoard) expect(inPicture).toContain(bare(text))
    // The picture breaks each note's text where the canvas does (the export measures the lines
    // with the font's widths, not with the label's layout).
    expect(compared.lines.length).toBeGreaterThan(20)
    expect(compared.lines.some((note) => note.lines.length > 1)).toBe(true)
    for (const note of compared.lines) expect({ text: note.text, lines: note.inSvg }).toEqual({ text: note.text, lines: note.lines })
  })

  it('downloads one area as SVG with the area’s title and its notes, a hostile note as inert text', async () => {
    await page.getByRole('button', { name: 'Lägg till idé i Ekonomiska resurser' }).click()
    await page.keyboard.type(HOSTILE)
    await page.keyboard.press('Escape')
    await notesOnCanvas('alert(1)').waitFor()
    await page.getByRole('button', { name: 'Exportera' }).click()
    const dialog = page.getByRole('dialog', { name: 'Exportera tavlan' })
    await dialog.getByLabel('Ett område').check()
    // A label around a select is named with the chosen option too: "Område Uppdrag".
    await dialog.getByLabel(/^Område/).selectOption('ekonomi')
    await dialog.getByLabel('Format').selectOption('svg')
    const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Ladda ned' }).click()])
    const svg = (await downloaded(download)).toString('utf8')
    expect(svg.startsWith('<svg')).toBe(true)
    expect(svg).toContain('Ekonomiska resurser')
    expect(svg).toContain('Nya intäktskällor genom externt samarbete')
    expect(svg).not.toContain('Prioritera de allra yngsta barnen')
    // The note's text is character data: the file stays one well-formed SVG with no script.
    expect(svg).toContain('&lt;/svg&gt;&lt;script&gt;alert(1)&lt;/script&gt;')
    const parsed = await page.evaluate((text) => {
      const xml = new DOMParser().parseFromString(text, 'image/svg+xml')
      return {
        errors: xml.getElementsByTagName('parsererror').length,
        scripts: xml.getElementsByTagName('script').length,
        noteTexts: [...xml.querySelectorAll('text[aria-label]')].map((t) => t.getAttribute('aria-label')),
        htmlNotes: [...xml.querySelectorAll('foreignObject')].filter((f) => /intäktskällor|alert/.test(f.textContent ?? '')).length,
      }
    }, svg)
    expect(parsed).toMatchObject({ errors: 0, scripts: 0 })
    // Plain notes are drawn as SVG text named with their whole text, not as HTML whose every
    // style the export would copy into the file (most of a big board's export time).
    expect(parsed.noteTexts).toEqual(expect.arrayContaining(['Nya intäktskällor genom externt samarbete', HOSTILE]))
    expect(parsed.htmlNotes).toBe(0)
    // Notes draw their shadow as a flat rectangle, not a blur filter for each (which made a
    // 1,000-note board take most of a minute to become a PNG).
    const notes = (svg.match(/aria-label="[^"]*(Nya intäktskällor|alert\(1\))/g) ?? []).length
    expect(notes).toBeGreaterThanOrEqual(2)
    expect(svg).not.toMatch(/filter="url\(#note-shadow/)
    expect((svg.match(/<rect[^>]*opacity="0\.12"/g) ?? []).length).toBeGreaterThanOrEqual(notes)
    if (process.env.KEEP_SVG) (await import('node:fs')).writeFileSync(process.env.KEEP_SVG, svg)
    // Fonts travel inside the file.
    expect(svg).toMatch(/@font-face[^}]*url\("?data:/)
    await dialog.getByRole('button', { name: 'Stäng' }).click()
  })

  it('downloads a PDF with a title page, the mind map and the steps’ notes, showing progress', async () => {
    await page.getByRole('button', { name: 'Exportera' }).click()
    const dialog = page.getByRole('dialog', { name: 'Exportera tavlan' })
    await dialog.getByLabel('Format').selectOption('pdf')
    const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Ladda ned' }).click()])
    expect(download.suggestedFilename()).toMatch(/\.pdf$/)
    const pdf = await PDFDocument.load(await downloaded(download))
    // A title page, the mind map (landscape), then the steps' notes as text (portrait).
    expect(pdf.getPageCount()).toBeGreaterThanOrEqual(5)
    expect(pdf.getTitle()).toBe(DEMO_BOARD_NAME)
    const [titlePage, mindMap, firstStep] = pdf.getPages()
    expect(mindMap.getWidth()).toBeGreaterThan(mindMap.getHeight())
    expect(titlePage.getWidth()).toBeLessThan(titlePage.getHeight())
    expect(firstStep.getWidth()).toBeLessThan(firstStep.getHeight())
    await expect.poll(() => dialog.locator('[data-export-status]').getAttribute('data-export-status')).toBe('done')
    await dialog.getByRole('button', { name: 'Stäng' }).click()
    expect(foreignRequests).toEqual([])
  })
})

describe('history', () => {
  it('saves a snapshot, previews it, restores it in place and undoes the restore', async () => {
    await page.getByRole('button', { name: 'Historik' }).click()
    const dialog = page.getByRole('dialog', { name: 'Historik' })
    await dialog.getByLabel('Namn på ögonblicksbilden').fill('Efter röstning')
    await dialog.getByRole('button', { name: 'Spara ögonblicksbild' }).click()
    const saved = dialog.locator('[data-snapshot="Efter röstning"]')
    await expect.poll(() => saved.textContent()).toMatch(/Fia Facilitator · Sparad · 32 lappar/)
    await dialog.getByRole('button', { name: 'Stäng' }).click()

    await page.getByRole('button', { name: 'Lägg till idé i Ekonomiska resurser' }).click()
    await page.keyboard.type(IDEA)
    await page.keyboard.press('Escape')
    await notesOnCanvas(IDEA).waitFor()

    await page.getByRole('button', { name: 'Historik' }).click()
    await saved.getByRole('button', { name: 'Visa' }).click()
    const preview = dialog.getByRole('region', { name: 'Innehåll i ”Efter röstning”' })
    await expect.poll(() => preview.textContent()).toContain('Nya intäktskällor genom externt samarbete')
    expect(await preview.textContent()).not.toContain(IDEA)
    // The preview opens where the person is looking: its heading is on the screen and focused.
    const heading = preview.getByRole('heading', { name: 'Innehåll i ”Efter röstning”' })
    await expect.poll(() => heading.evaluate((h) => h === document.activeElement)).toBe(true)
    const box = (await heading.boundingBox())!
    expect(box.y).toBeGreaterThanOrEqual(0)
    expect(box.y + box.height).toBeLessThanOrEqual(page.viewportSize()!.height)

    await saved.getByRole('button', { name: 'Återställ här' }).click()
    await shot('history-confirm')
    await saved.getByRole('button', { name: 'Ja, återställ' }).click()
    await expect.poll(() => dialog.getByRole('status').textContent()).toContain('Tavlan är återställd till ”Efter röstning”.')
    await expect.poll(() => notesOnCanvas(IDEA).count(), { timeout: 15_000 }).toBe(0)

    const before = dialog.locator('[data-snapshot^="Före återställning till ”Efter röstning”"]')
    await expect.poll(() => before.textContent()).toMatch(/Före återställning · 33 lappar/)
    await shot('history-dialog')
    await before.getByRole('button', { name: 'Återställ här' }).click()
    await before.getByRole('button', { name: 'Ja, återställ' }).click()
    await expect.poll(() => notesOnCanvas(IDEA).count(), { timeout: 15_000 }).toBe(1)
    await dialog.getByRole('button', { name: 'Stäng' }).click()
  })
})

describe('importing a backup from the home page', () => {
  it('says plainly why a file is refused, and opens the new board for a good one', async () => {
    const boardUrl = page.url()
    const backup = await (await context.request.get(`${boardUrl.replace('/boards/', '/api/boards/')}/backup.json`)).body()
    await page.goto(server.url)
    const form = page.locator('form', { hasText: 'Importera säkerhetskopia' })
    await form.getByLabel('Fil').setInputFiles({ name: 'trasig.json', mimeType: 'application/json', buffer: Buffer.from('{"nej": ') })
    await form.getByRole('button', { name: 'Importera' }).click()
    await expect.poll(() => form.getByRole('alert').textContent()).toBe('Filen kunde inte importeras: filen är inte giltig JSON')
    await shot('import-error')

    await form.getByLabel('Fil').setInputFiles({ name: 'backup.json', mimeType: 'application/json', buffer: backup })
    await form.getByRole('button', { name: 'Importera' }).click()
    await page.waitForURL((url) => url.pathname.startsWith('/boards/') && url.href !== boardUrl)
    await notesOnCanvas(IDEA).waitFor({ timeout: 15_000 })
  })
})
