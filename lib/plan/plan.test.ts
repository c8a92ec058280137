import fs from 'node:fs'
import path from 'node:path'
import JSZip from 'jszip'
import { describe, expect, it } from 'vitest'
import type { Locale } from '../i18n/locales'
import { WORKSHOP_TIME } from '../export/testing/workshopBoard'
import { planCommitments, type Plan } from './buildPlan'
import { planToDocx } from './planDocx'
import { planToMarkdown } from './planMarkdown'
import { readPlan } from './readPlan'
import { plannedWorkshopDoc } from './testing/plannedWorkshop'

const GOLDEN = path.join(import.meta.dirname, 'golden')

/** Compares with a golden file; `UPDATE_GOLDEN=1` rewrites them after a deliberate change. */
function expectGolden(actual: string, file: string) {
  const full = path.join(GOLDEN, file)
  if (process.env.UPDATE_GOLDEN === '1') fs.writeFileSync(full, actual)
  expect(actual).toBe(fs.readFileSync(full, 'utf8'))
}

function planOf(locale: Locale, followUp = false): Plan {
  return readPlan(plannedWorkshopDoc({ followUp }), {
    boardId: 'board-1',
    boardName: 'Planeringsdag',
    locale,
    generatedAt: WORKSHOP_TIME + 7_200_000,
  })
}

/** The text of a .docx: every w:t of its main document, after checking the XML parses. */
async function docxText(buffer: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(buffer)
  expect(Object.keys(zip.files)).toEqual(expect.arrayContaining(['[Content_Types].xml', 'word/document.xml']))
  const xml = await zip.file('word/document.xml')!.async('string')
  expect(xml.startsWith('<?xml')).toBe(true)
  expect(xml).toMatch(/<w:document[\s>][\s\S]*<\/w:document>$/)
  return [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)]
    .map((m) =>
      m[1]
        .replace(/&amp;/g, '&')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"'),
    )
    .join('\n')
}

describe('the plan', () => {
  it('files commitments, themes and top ideas under their areas, most votes first', () => {
    const plan = planOf('sv')
    const besokare = plan.steps[1].areas.find((a) => a.id === 'besokare')!
    expect(besokare.commitments.map((c) => [c.text, c.owner, c.due])).toEqual([
      ['Öppet till 21 på fem filialer', 'Anna Lind', '2027-06-30'],
    ])
    // The theme's own vote and its notes' votes (3 + 1) together.
    expect(besokare.themes).toEqual([
      {
        id: 'shape:theme-kvall',
        title: 'Kvällar och de yngsta',
        votes: 5,
        notes: [
          { text: 'Läsfrämjande för de yngsta, 0–2 år', votes: 3 },
          { text: 'Fler besökare på kvällstid', votes: 1 },
        ],
      },
    ])
    // Notes in a theme are shown with it, not again among the top ideas.
    expect(besokare.topIdeas).toEqual([])
    const ekonomi = plan.steps[1].areas.find((a) => a.id === 'ekonomi')!
    expect(ekonomi.commitments.map((c) => c.text)).toEqual(['Ansök om EU-medel för meröppet'])
    expect(ekonomi.topIdeas).toEqual([{ text: '-5 % kostnader, +10 % öppettider', votes: 2 }])
    expect(plan.commitmentCount).toBe(2)
    expect(plan.continues).toBeNull()
  })

  it('matches the golden Markdown in Swedish and English', () => {
    expectGolden(planToMarkdown(planOf('sv')), 'plan.sv.md')
    expectGolden(planToMarkdown(planOf('en')), 'plan.en.md')
  })

  it('shows last period’s commitments with their status beside the new ones on a follow-up board', () => {
    const plan = planOf('sv', true)
    expect(plan.continues).toEqual({ boardId: 'board-0', name: 'Planeringsdag 2026' })
    const besokare = plan.steps[1].areas.find((a) => a.id === 'besokare')!
    expect(besokare.previous.map((c) => [c.text, c.status, c.statusComment])).toEqual([
      ['Prioritera de allra yngsta barnen, 0–2 år', 'ongoing', 'Babyrytmik på tre av fem filialer'],
    ])
    expectGolden(planToMarkdown(plan), 'plan-follow-up.sv.md')
  })

  it('as Word opens as a zip of well-formed XML and contains every commitment with its owner and period', async () => {
    const plan = planOf('sv', true)
    const text = await docxText(await planToDocx(plan))
    expect(planCommitments(plan)).toHaveLength(3)
    for (const { commitment } of planCommitments(plan)) {
      expect(text).toContain(commitment.text)
      expect(text).toContain(commitment.owner)
      expect(text).toContain(commitment.due)
    }
    expect(text).toContain('Status: Pågår — Babyrytmik på tre av fem filialer')
    expect(text).toContain('Åtaganden')
    expect(text).toContain('Kvällar och de yngsta (5 röster)')
  })

  it('as Word keeps board text that XML cannot carry out of the document', async () => {
    const doc = plannedWorkshopDoc()
    const plan = readPlan(doc, { boardId: 'b', boardName: 'Tavla \u0007 <x> & "y"', locale: 'sv', generatedAt: 0 })
    const text = await docxText(await planToDocx(plan))
    expect(text).toContain('Plan: Tavla  <x> & "y"')
  })
})
