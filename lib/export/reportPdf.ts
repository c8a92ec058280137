/**
 * The board's report as a PDF for the meeting notes, made on the server from the report (no
 * browser): a title page, then per step and per area its notes as real, selectable text at a
 * readable size (11 pt), most votes first, with votes and authors where the report has them.
 * A picture of the mind map can be appended (the browser adds one when it has the canvas).
 *
 * The standard PDF fonts write WinAnsi only: other characters (emoji, other scripts) print as
 * "?" rather than breaking the file.
 */
import { PDFDocument, PDFFont, PDFPage, StandardFonts, rgb, type RGB } from 'pdf-lib'
import { translator } from '../i18n/messages'
import type { Perspective } from '../planning/planningModel'
import { formatReportTime, type Report, type ReportNote } from './report'

const PAGE: [number, number] = [595.28, 841.89]
const MARGIN = 54
const WIDTH = PAGE[0] - 2 * MARGIN

/** Type sizes in points. Notes print at 11 pt: readable on paper, never below 10. */
export const PDF_SIZES = { title: 26, step: 18, area: 14, question: 11, note: 11, noteMeta: 10, body: 11 } as const

const TONE: Record<Perspective, RGB> = {
  mission: rgb(0.12, 0.37, 0.75),
  external: rgb(0.7, 0.36, 0.05),
  internal: rgb(0.14, 0.5, 0.29),
}
const INK = rgb(0.11, 0.12, 0.14)
const MUTED = rgb(0.29, 0.32, 0.36)

interface Fonts {
  regular: PDFFont
  bold: PDFFont
  italic: PDFFont
}

function writable(font: PDFFont, text: string): string {
  const supported = new Set(font.getCharacterSet())
  return [...text.replace(/\s+/g, ' ')].map((c) => (supported.has(c.codePointAt(0)!) ? c : '?')).join('')
}

/** `text` broken into lines no wider than `width` (long words are cut). */
function wrap(font: PDFFont, size: number, text: string, width: number): string[] {
  const lines: string[] = []
  let line = ''
  for (const word of writable(font, text).split(' ')) {
    let rest = word
    while (font.widthOfTextAtSize(rest, size) > width) {
      let cut = rest.length - 1
      while (cut > 1 && font.widthOfTextAtSize(rest.slice(0, cut), size) > width) cut--
      if (line) lines.push(line)
      lines.push(rest.slice(0, cut))
      line = ''
      rest = rest.slice(cut)
    }
    const candidate = line ? `${line} ${rest}` : rest
    if (font.widthOfTextAtSize(candidate, size) <= width) line = candidate
    else {
      lines.push(line)
      line = rest
    }
  }
  if (line) lines.push(line)
  return lines.length ? lines : ['']
}

/** Writes top to bottom, starting a new page when the next block does not fit. */
class Flow {
  page!: PDFPage
  y = 0
  constructor(
    private readonly pdf: PDFDocument,
    private readonly fonts: Fonts,
  ) {}

  newPage() {
    this.page = this.pdf.addPage(PAGE)
    this.y = PAGE[1] - MARGIN
  }

  ensure(height: number) {
    if (this.y - height < MARGIN) this.newPage()
  }

  text(text: string, options: { size: number; font?: keyof Fonts; color?: RGB; indent?: number; gap?: number }) {
    const font = this.fonts[options.font ?? 'regular']
    const indent = options.indent ?? 0
    const lineHeight = options.size * 1.3
    for (const line of wrap(font, options.size, text, WIDTH - indent)) {
      this.ensure(lineHeight)
      this.y -= lineHeight
      this.page.drawText(line, {
        x: MARGIN + indent,
        y: this.y + options.size * 0.25,
        size: options.size,
        font,
        color: options.color ?? INK,
      })
    }
    this.y -= options.gap ?? 0
  }
}

export interface ReportPdfOptions {
  /** A PNG or JPEG of the mind map, put on a page of its own after the title page. */
  picture?: Uint8Array
}

export async function reportToPdf(report: Report, options: ReportPdfOptions = {}): Promise<Uint8Array> {
  const t = translator(report.locale)
  const pdf = await PDFDocument.create()
  pdf.setTitle(report.board.name)
  pdf.setLanguage(report.locale === 'sv' ? 'sv-SE' : 'en-GB')
  pdf.setCreator('Strategitavlan')
  pdf.setCreationDate(new Date(report.generatedAt))
  const fonts: Fonts = {
    regular: await pdf.embedFont(StandardFonts.Helvetica),
    bold: await pdf.embedFont(StandardFonts.HelveticaBold),
    italic: await pdf.embedFont(StandardFonts.HelveticaOblique),
  }
  const flow = new Flow(pdf, fonts)

  flow.newPage()
  flow.y -= 160
  flow.text(report.board.name, { size: PDF_SIZES.title, font: 'bold', gap: 18 })
  flow.text(t('export.pdf.date', { date: formatReportTime(report.generatedAt).slice(0, 10) }), { size: 13, color: MUTED, gap: 4 })
  flow.text(t('export.pdf.notes', { count: report.noteCount }), { size: 13, color: MUTED, gap: 4 })
  flow.text(t('export.votes', { count: report.voteCount }), { size: 13, color: MUTED, gap: 4 })
  flow.text(t('export.generated', { date: formatReportTime(report.generatedAt) }), { size: 10, color: MUTED })

  if (options.picture) {
    // A JPEG goes into the PDF as it is; a PNG has to be inflated and deflated again (most of the
    // server's time for a whole board's picture, bench/results.md).
    // pdf-lib reads a JPEG through its whole buffer, ignoring a view's offset (a Node Buffer is
    // often a slice of a shared one): it gets a copy of its own.
    const image = isJpeg(options.picture) ? await pdf.embedJpg(new Uint8Array(options.picture)) : await pdf.embedPng(options.picture)
    const page = pdf.addPage([PAGE[1], PAGE[0]])
    const box = { w: PAGE[1] - 2 * 36, h: PAGE[0] - 2 * 36 }
    const scale = Math.min(box.w / image.width, box.h / image.height)
    page.drawImage(image, {
      x: 36 + (box.w - image.width * scale) / 2,
      y: 36 + (box.h - image.height * scale) / 2,
      width: image.width * scale,
      height: image.height * scale,
    })
  }

  const note = (n: ReportNote) => {
    flow.ensure(PDF_SIZES.note * 2.8)
    flow.text(`• ${n.text || t('export.emptyNote')}`, { size: PDF_SIZES.note, indent: 8 })
    const meta = [n.votes > 0 ? t('export.votes', { count: n.votes }) : null, n.author ? t('outline.by', { name: n.author }) : null].filter(
      Boolean,
    )
    if (meta.length) flow.text(meta.join(' · '), { size: PDF_SIZES.noteMeta, color: MUTED, indent: 20 })
    flow.y -= 5
  }

  for (const step of report.steps) {
    flow.newPage()
    const tone = TONE[step.perspective]
    flow.page.drawRectangle({ x: MARGIN, y: flow.y - 6, width: WIDTH, height: 6, color: tone })
    flow.y -= 14
    flow.text(`${t('export.step', { number: step.number })} · ${step.title}`, { size: PDF_SIZES.step, font: 'bold', color: tone, gap: 4 })
    flow.text(step.summary, { size: PDF_SIZES.body, color: MUTED, gap: 10 })
    for (const area of step.areas) {
      flow.ensure(PDF_SIZES.area * 4 + PDF_SIZES.note * 3)
      flow.text(area.title, { size: PDF_SIZES.area, font: 'bold', color: tone, gap: 2 })
      flow.text(area.question, { size: PDF_SIZES.question, font: 'italic', color: MUTED, gap: 6 })
      if (area.notes.length === 0) flow.text(t('export.noNotes'), { size: PDF_SIZES.note, color: MUTED, indent: 8 })
      for (const n of area.notes) note(n)
      flow.y -= 10
    }
  }
  if (report.unplaced.length > 0) {
    flow.newPage()
    flow.text(t('export.unplaced'), { size: PDF_SIZES.step, font: 'bold', gap: 8 })
    for (const n of report.unplaced) note(n)
  }
  return pdf.save()
}

const isJpeg = (bytes: Uint8Array) => bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff
