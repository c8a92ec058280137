/**
 * WCAG 2.1 AA contrast of the colours we choose: text on its background at 4.5:1 (1.4.3), and
 * the focus ring and area borders against what surrounds them at 3:1 (1.4.11). Colours are
 * read from the stylesheets themselves, so changing one to something unreadable fails here.
 */
import fs from 'node:fs'
import path from 'node:path'
import { DEFAULT_THEME } from 'tldraw'
import { describe, expect, it } from 'vitest'

const root = path.resolve(import.meta.dirname, '..')

type Rules = Map<string, Map<string, string>>

function parseCss(file: string): Rules {
  const css = fs.readFileSync(path.join(root, file), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '')
  const rules: Rules = new Map()
  for (const [, selectors, body] of css.matchAll(/([^{}]+)\{([^{}]*)\}/g)) {
    for (const selector of selectors.split(',').map((s) => s.trim())) {
      const declarations = rules.get(selector) ?? new Map<string, string>()
      for (const [, prop, value] of body.matchAll(/([\w-]+)\s*:\s*([^;]+);?/g)) declarations.set(prop, value.trim())
      rules.set(selector, declarations)
    }
  }
  return rules
}

const globals = parseCss('app/globals.css')
const outline = parseCss('components/board/outline/outline.module.css')

/** A declared colour, with `var(--x)` resolved against :root. */
function colour(rules: Rules, selector: string, prop: string): string {
  const value = rules.get(selector)?.get(prop)
  if (!value) throw new Error(`${selector} has no ${prop}`)
  const variable = /^var\((--[\w-]+)\)$/.exec(value)
  return variable ? colour(globals, ':root', variable[1]) : value
}

function luminance(hex: string): number {
  const match = /^#([0-9a-f]{6}|[0-9a-f]{3})$/i.exec(hex)
  if (!match) throw new Error(`not a hex colour: ${hex}`)
  const full = match[1].length === 3 ? [...match[1]].map((c) => c + c).join('') : match[1]
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16) / 255)
  const linear = (c: number) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)
}

export function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x)
  return (light + 0.05) / (dark + 0.05)
}

const root_ = (name: string) => colour(globals, ':root', name)
const WHITE = '#ffffff'

const TEXT: [string, string, string][] = [
  ['body text on the page', root_('--ink'), root_('--paper')],
  ['body text on cards', root_('--ink'), root_('--surface')],
  ['muted text on the page', root_('--ink-muted'), root_('--paper')],
  ['muted text on cards', root_('--ink-muted'), root_('--surface')],
  ...(['mission', 'external', 'internal'] as const).flatMap((tone): [string, string, string][] => [
    [`${tone} area text on its zone`, root_(`--${tone}-ink`), root_(`--${tone}-bg`)],
    [`${tone} step text`, WHITE, root_(`--${tone}`)],
    [`${tone} "add idea" button`, root_(`--${tone}-ink`), colour(globals, '.area__add', 'background')],
  ]),
  ['primary buttons', colour(globals, '.button--primary', 'color'), colour(globals, '.button--primary', 'background')],
  ['skip link', colour(globals, '.skip-link', 'color'), colour(globals, '.skip-link', 'background')],
  ...['ok', 'pending', 'bad'].map((tone): [string, string, string] => [
    `connection badge (${tone})`,
    colour(globals, `.connection--${tone}`, 'color'),
    colour(globals, `.connection--${tone}`, 'background'),
  ]),
  ...['.timer', '.timer--soon', '.timer--up'].map((s): [string, string, string] => [
    `timer ${s}`,
    colour(globals, '.timer', 'color'),
    colour(globals, s, 'background'),
  ]),
  ['private-round notice', colour(globals, '.role-notice--private', 'color'), colour(globals, '.role-notice--private', 'background')],
  ['voting notice', colour(globals, '.role-notice--voting', 'color'), colour(globals, '.role-notice--voting', 'background')],
  ['vote count on a note', colour(globals, '.note-votes__count', 'color'), colour(globals, '.note-votes__count', 'background')],
  ['summon notice', colour(globals, '.summon-notice', 'color'), colour(globals, '.summon-notice', 'background')],
  ['loop text', colour(globals, '.loop', 'color'), colour(globals, '.loop', 'background')],
  ['outline note text', root_('--ink'), colour(outline, '.note', 'background')],
  ['outline note details', root_('--ink-muted'), colour(outline, '.note', 'background')],
  ['outline private badge', colour(outline, '.private', 'color'), colour(outline, '.private', 'background')],
  ['outline delete button', colour(outline, '.danger', 'color'), colour(outline, '.danger', 'background')],
  [
    'pressed view switch',
    colour(outline, ".switch :global(.button[aria-pressed='true'])", 'color'),
    colour(outline, ".switch :global(.button[aria-pressed='true'])", 'background'),
  ],
]

const NON_TEXT: [string, string, string][] = [
  ['focus ring on the page', root_('--focus-ring'), root_('--paper')],
  ['focus ring on cards', root_('--focus-ring'), root_('--surface')],
  ['focus halo on dark controls', root_('--focus'), colour(globals, '.timer', 'background')],
  ...(['mission', 'external', 'internal'] as const).map((tone): [string, string, string] => [
    `${tone} zone border`,
    root_(`--${tone}`),
    root_(`--${tone}-bg`),
  ]),
]

describe('colour contrast (WCAG 2.1 AA)', () => {
  it.each(TEXT)('%s reaches 4.5:1', (_, fg, bg) => {
    expect(contrast(fg, bg)).toBeGreaterThanOrEqual(4.5)
  })

  it.each(NON_TEXT)('%s reaches 3:1', (_, fg, bg) => {
    expect(contrast(fg, bg)).toBeGreaterThanOrEqual(3)
  })

  it.each(Object.entries(DEFAULT_THEME.colors.light).filter(([, c]) => typeof c === 'object' && c !== null && 'noteFill' in c))(
    'a %s sticky note’s text reaches 4.5:1',
    (_, c) => {
      const { noteFill, noteText } = c as { noteFill: string; noteText: string }
      expect(contrast(noteText, noteFill)).toBeGreaterThanOrEqual(4.5)
    },
  )

  it('tells a failing pair from a passing one', () => {
    expect(contrast('#777777', '#ffffff')).toBeLessThan(4.5)
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21)
  })
})
