/**
 * The accessibility statement, cut from docs/accessibility.md (between the `statement:<lang>`
 * markers), filled with the installation's own organisation and contact, and turned into HTML.
 *
 * The Markdown is the small subset the statement uses — headings, paragraphs, lists, links,
 * bold — and everything is escaped before markup is added, so nothing an operator puts in the
 * environment can inject markup. Links go only to http(s), mailto: and tel: addresses.
 */
import type { Locale } from '../i18n/locales'

export interface StatementSettings {
  organisation: string | null
  /** An email address or a web address where people report problems. */
  contact: string | null
  phone: string | null
}

const DEFAULTS: Record<Locale, { organisation: string; contact: string; phone: string }> = {
  sv: {
    organisation: 'Organisationen som driver den här installationen',
    contact: 'tjänstens kontaktadress',
    phone: ' eller på telefon {phone}',
  },
  en: {
    organisation: 'The organisation running this installation',
    contact: 'the service’s contact address',
    phone: ' or by phone on {phone}',
  },
}

/** The statement's Markdown for a language, placeholders filled; null when the file lacks it. */
export function statementMarkdown(file: string, locale: Locale, settings: StatementSettings): string | null {
  const match = new RegExp(`<!-- statement:${locale} -->([\\s\\S]*?)<!-- /statement:${locale} -->`).exec(file)
  if (!match) return null
  const defaults = DEFAULTS[locale]
  const contact = settings.contact
    ? /^[^\s@]+@[^\s@]+$/.test(settings.contact)
      ? `[${settings.contact}](mailto:${settings.contact})`
      : /^https?:\/\//.test(settings.contact)
        ? `[${settings.contact}](${settings.contact})`
        : settings.contact
    : defaults.contact
  const phone = settings.phone ? defaults.phone.replace('{phone}', `[${settings.phone}](tel:${settings.phone.replace(/[^\d+]/g, '')})`) : ''
  return match[1]
    .replaceAll('{organisation}', settings.organisation ?? defaults.organisation)
    .replaceAll('{contact}', contact)
    .replaceAll('{phone}', phone)
    .trim()
}

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;')

function inline(text: string): string {
  let html = escapeHtml(text)
  html = html.replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, (_m, label: string, href: string) => {
    const safe = /^(https?:\/\/|mailto:|tel:|\/)/.test(href) ? href : '#'
    return `<a href="${safe}">${label}</a>`
  })
  html = html.replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
  html = html.replace(/\*([^*]+)\*/g, '<em>$1</em>')
  return html
}

/** The statement's Markdown as HTML (headings, paragraphs, lists, links, emphasis). */
export function statementHtml(markdown: string): string {
  const out: string[] = []
  const blocks = markdown.split(/\n\s*\n/)
  for (const block of blocks) {
    const lines = block.split('\n').map((line) => line.trimEnd())
    const heading = /^(#{1,4})\s+(.*)$/.exec(lines[0])
    if (heading && lines.length === 1) {
      const level = heading[1].length
      out.push(`<h${level}>${inline(heading[2])}</h${level}>`)
    } else if (lines[0].startsWith('- ')) {
      const items: string[] = []
      for (const line of lines) {
        if (line.startsWith('- ')) items.push(line.slice(2))
        else items[items.length - 1] += ` ${line.trim()}`
      }
      out.push(`<ul>${items.map((item) => `<li>${inline(item)}</li>`).join('')}</ul>`)
    } else {
      out.push(`<p>${inline(lines.map((line) => line.trim()).join(' '))}</p>`)
    }
  }
  return out.join('\n')
}
