import { inflateSync } from 'node:zlib'
import { PDFArray, PDFDocument, PDFName, PDFRawStream, type PDFRef } from 'pdf-lib'
import { describe, expect, it } from 'vitest'
import { readBoard } from '../board/readModel'
import type { Locale } from '../i18n/locales'
import { readReportFacts } from './boardFacts'
import { buildReport, reportNotes } from './report'
import { PDF_SIZES, reportToPdf } from './reportPdf'
import { WORKSHOP_NOTES, WORKSHOP_TIME, workshopDoc } from './testing/workshopBoard'

// The standard fonts write WinAnsi (Windows-1252) bytes: Latin-1 but for punctuation at 0x80–0x9F.
const WIN_ANSI_HIGH: Record<number, string> = {
  0x80: '€',
  0x85: '…',
  0x91: '‘',
  0x92: '’',
  0x93: '“',
  0x94: '”',
  0x95: '•',
  0x96: '–',
  0x97: '—',
}
const decodeHex = (hex: string) => [...Buffer.from(hex, 'hex')].map((b) => WIN_ANSI_HIGH[b] ?? String.fromCharCode(b)).join('')

/** The text a PDF viewer would let you select, page by page: every `<hex> Tj` of every page. */
async function pdfText(bytes: Uint8Array): Promise<{ pages: string[]; sizes: number[] }> {
  const pdf = await PDFDocument.load(bytes)
  const sizes: number[] = []
  const pages = pdf.getPages().map((page) => {
    const contents = page.node.get(PDFName.of('Contents'))
    const refs = contents instanceof PDFArray ? contents.asArray() : [contents]
    let text = ''
    for (const ref of refs) {
      const stream = pdf.context.lookup(ref as PDFRef) as PDFRawStream
      const raw = Buffer.from(stream.getContents())
      const source = stream.dict.get(PDFName.of('Filter')) ? inflateSync(raw).toString('latin1') : raw.toString('latin1')
      for (const m of source.matchAll(/\/F\d+-\d+ ([\d.]+) Tf/g)) sizes.push(Number(m[1]))
      for (const m of source.matchAll(/<([0-9A-Fa-f]*)> Tj/g)) text += decodeHex(m[1]) + '\n'
    }
    return text
  })
  return { pages, sizes }
}

async function pdfOf(locale: Locale, withoutAuthors = false) {
  const doc = workshopDoc()
  const facts = { ...readReportFacts(doc, { seesHiddenAuthors: false }), withoutAuthors }
  const report = buildReport(readBoard(doc, locale), facts, {
    boardId: 'board-1',
    boardName: 'Planeringsdag',
    locale,
    generatedAt: WORKSHOP_TIME + 7_200_000,
  })
  return { report, bytes: await reportToPdf(report) }
}

// The smallest baseline JPEG: one grey pixel.
const ONE_PIXEL_JPEG = Buffer.from(
  '/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA=',
  'base64',
)

describe('the report as a PDF', () => {
  it('puts a JPEG picture of the map on a page of its own, its bytes as they came', async () => {
    const { report } = await pdfOf('sv')
    const pdf = await PDFDocument.load(await reportToPdf(report, { picture: ONE_PIXEL_JPEG }))
    const [, mindMap] = pdf.getPages()
    expect(mindMap.getWidth()).toBeGreaterThan(mindMap.getHeight())
    const images = pdf.context
      .enumerateIndirectObjects()
      .map(([, object]) => object)
      .filter(
        (object): object is PDFRawStream =>
          object instanceof PDFRawStream && object.dict.get(PDFName.of('Subtype')) === PDFName.of('Image'),
      )
    expect(images).toHaveLength(1)
    // Embedded as it is (DCT, the JPEG's own bytes): nothing for the server to decode and deflate.
    expect(images[0].dict.get(PDFName.of('Filter'))).toBe(PDFName.of('DCTDecode'))
    expect(Buffer.from(images[0].getContents())).toEqual(ONE_PIXEL_JPEG)
  })

  it('holds every note as selectable text, with its votes and author, on a page per step', async () => {
    const { report, bytes } = await pdfOf('sv')
    const { pages } = await pdfText(bytes)
    const all = pages.join('\n').replace(/\n/g, ' ')
    for (const { note } of reportNotes(report)) expect(all).toContain(note.text.replace(/\s+/g, ' ').slice(0, 20))
    for (const note of WORKSHOP_NOTES) expect(all).toContain(note.text.replace(/\s+/g, ' '))
    expect(all).toContain('3 röster')
    expect(all).toContain('1 röst')
    expect(all).toContain('av Anna Lind')
    expect(pages[0]).toContain('Planeringsdag')
    expect(pages[1]).toContain('Steg 1 · Uppdraget idag och i framtiden')
    expect(pages.findIndex((p) => p.includes('Steg 2'))).toBeGreaterThan(1)
    expect(pages.findIndex((p) => p.includes('Steg 3'))).toBeGreaterThan(pages.findIndex((p) => p.includes('Steg 2')))
  })

  it('prints notes no smaller than 10 pt', async () => {
    const { bytes } = await pdfOf('sv')
    const { sizes } = await pdfText(bytes)
    expect(PDF_SIZES.note).toBeGreaterThanOrEqual(10)
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(10)
  })

  it('is in the report’s language and names nobody when authors are hidden', async () => {
    const { bytes } = await pdfOf('en', true)
    const all = (await pdfText(bytes)).pages.join(' ')
    expect(all).toContain('Step 2')
    expect(all).toContain('3 votes')
    expect(all).not.toContain('Anna Lind')
    expect(all).not.toContain('Per Deltagare')
  })
})
