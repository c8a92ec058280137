/**
 * The board as a PDF, made in the browser: a title page (board name, date, participants,
 * notes), then one landscape A4 page per step with a picture of its areas and notes.
 */
import { PDFDocument, StandardFonts, rgb, type PDFFont } from 'pdf-lib'

export interface PdfPicture {
  heading: string
  png: Uint8Array
}

export interface PdfContent {
  title: string
  lines: string[]
  /** Made one at a time so a big board's pictures are not all in memory at once. */
  pages: (() => Promise<PdfPicture>)[]
  onProgress?(done: number, total: number): void
}

const PAGE: [number, number] = [841.89, 595.28]
const MARGIN = 36

/** The standard fonts write WinAnsi only: anything else (emoji, other scripts) becomes "?". */
function writable(font: PDFFont, text: string): string {
  const supported = new Set(font.getCharacterSet())
  return [...text].map((c) => (supported.has(c.codePointAt(0)!) ? c : '?')).join('')
}

export async function buildPdf(content: PdfContent): Promise<Uint8Array> {
  const pdf = await PDFDocument.create()
  pdf.setTitle(content.title)
  pdf.setCreator('Strategitavlan')
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold)
  const regular = await pdf.embedFont(StandardFonts.Helvetica)
  const total = content.pages.length + 1

  const title = pdf.addPage(PAGE)
  title.drawText(writable(bold, content.title), { x: MARGIN * 2, y: PAGE[1] - 200, size: 32, font: bold, maxWidth: PAGE[0] - MARGIN * 4 })
  content.lines.forEach((line, i) => {
    title.drawText(writable(regular, line), { x: MARGIN * 2, y: PAGE[1] - 260 - i * 24, size: 16, font: regular, color: rgb(0.25, 0.28, 0.32) })
  })
  title.drawText('Strategitavlan', { x: MARGIN * 2, y: MARGIN * 2, size: 11, font: regular, color: rgb(0.45, 0.48, 0.52) })
  content.onProgress?.(1, total)

  for (const [i, makePage] of content.pages.entries()) {
    const picture = await makePage()
    const page = pdf.addPage(PAGE)
    page.drawText(writable(bold, picture.heading), { x: MARGIN, y: PAGE[1] - MARGIN - 14, size: 16, font: bold })
    const image = await pdf.embedPng(picture.png)
    const box = { w: PAGE[0] - MARGIN * 2, h: PAGE[1] - MARGIN * 2 - 30 }
    const scale = Math.min(box.w / image.width, box.h / image.height)
    const w = image.width * scale
    const h = image.height * scale
    page.drawImage(image, { x: MARGIN + (box.w - w) / 2, y: MARGIN + (box.h - h) / 2, width: w, height: h })
    content.onProgress?.(i + 2, total)
  }
  return pdf.save()
}
