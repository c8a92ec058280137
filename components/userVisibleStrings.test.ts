/**
 * Every user-visible string comes from the catalogs in lib/i18n (or the planning model), so
 * the UI exists in Swedish and English alike. This reads every .tsx file in components/ and
 * app/ with the TypeScript parser and fails on words written straight into the markup: JSX
 * text, string literals among JSX children, and literals in props people see or hear
 * (aria-label, title, placeholder, alt, label, …). Text without letters — punctuation,
 * symbols, emoji — is allowed, as is anything inside a call such as `t('key')`.
 */
import fs from 'node:fs'
import path from 'node:path'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'

const root = path.resolve(import.meta.dirname, '..')

/** Props whose value is shown or read out to people. */
const VISIBLE_PROPS = new Set([
  'aria-label',
  'aria-description',
  'aria-placeholder',
  'aria-roledescription',
  'aria-valuetext',
  'title',
  'placeholder',
  'alt',
  'label',
  'summary',
])

const hasWords = (text: string) => /\p{L}/u.test(text)

function tsxFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) return tsxFiles(full)
    return entry.name.endsWith('.tsx') ? [full] : []
  })
}

/** Literal text in an expression that would reach the screen, skipping calls (`t(…)`, …). */
function literalTexts(node: ts.Node): string[] {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return [node.text]
  if (ts.isTemplateExpression(node)) {
    return [node.head.text, ...node.templateSpans.flatMap((span) => [...literalTexts(span.expression), span.literal.text])]
  }
  if (ts.isCallExpression(node) || ts.isTaggedTemplateExpression(node)) return []
  // Comparisons and keys decide what is shown; they are not shown themselves.
  if (
    ts.isBinaryExpression(node) &&
    [ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsEqualsToken].includes(node.operatorToken.kind)
  ) {
    return []
  }
  if (ts.isConditionalExpression(node)) return [...literalTexts(node.whenTrue), ...literalTexts(node.whenFalse)]
  if (ts.isElementAccessExpression(node) || ts.isJsxAttributes(node) || ts.isJsxElement(node) || ts.isJsxSelfClosingElement(node)) return []
  const texts: string[] = []
  node.forEachChild((child) => {
    texts.push(...literalTexts(child))
  })
  return texts
}

export function hardCodedStrings(source: string, fileName: string): string[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX)
  const found: string[] = []
  const report = (node: ts.Node, text: string) => {
    if (!hasWords(text)) return
    const { line } = file.getLineAndCharacterOfPosition(node.getStart())
    found.push(`${path.relative(root, fileName)}:${line + 1}: ${JSON.stringify(text.trim())}`)
  }
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node)) report(node, node.text)
    if (ts.isJsxExpression(node) && node.expression && (ts.isJsxElement(node.parent) || ts.isJsxFragment(node.parent))) {
      for (const text of literalTexts(node.expression)) report(node, text)
    }
    if (ts.isJsxAttribute(node) && VISIBLE_PROPS.has(node.name.getText(file)) && node.initializer) {
      const value = ts.isJsxExpression(node.initializer) ? node.initializer.expression : node.initializer
      if (value) for (const text of literalTexts(value)) report(node, text)
    }
    node.forEachChild(visit)
  }
  visit(file)
  return found
}

describe('user-visible strings', () => {
  it('come from the catalogs in every component and page', () => {
    const files = [...tsxFiles(path.join(root, 'components')), ...tsxFiles(path.join(root, 'app'))]
    expect(files.length).toBeGreaterThan(20)
    const found = files.flatMap((file) => hardCodedStrings(fs.readFileSync(file, 'utf8'), file))
    expect(found).toEqual([])
  })

  it('are caught in JSX text, children and visible props, and allowed as symbols and translations', () => {
    const offending = `
      export const A = () => (
        <div title="Stäng" aria-label={\`Öppna \${name}\`} className="not-checked">
          Hej
          {open ? 'Öppen' : t('closed')}
          <img alt="logotyp" />
        </div>
      )`
    expect(hardCodedStrings(offending, path.join(root, 'components/Example.tsx'))).toEqual([
      'components/Example.tsx:3: "Stäng"',
      'components/Example.tsx:3: "Öppna"',
      'components/Example.tsx:4: "Hej"',
      'components/Example.tsx:5: "Öppen"',
      'components/Example.tsx:6: "logotyp"',
    ])
    const fine = `
      export const B = () => (
        <p title={t('x.title')} data-state="open" className={\`a \${b}\`}>
          <span aria-hidden="true">←</span> {t('board.back')} · 🔒 {count} {'●'.repeat(2)} {kind === 'open' && '—'}
        </p>
      )`
    expect(hardCodedStrings(fine, path.join(root, 'components/Fine.tsx'))).toEqual([])
  })
})
