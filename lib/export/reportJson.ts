/**
 * The report as JSON, for other tools. `<`, `>` and `&` are written as \u escapes: the same
 * data, but no byte sequence a browser or an HTML template could take for markup.
 */
import type { Report } from './report'

/** `value` as JSON indented by `indent`, with `<`, `>` and `&` as \u escapes, ending in a newline. */
export function inertJson(value: unknown, indent: number): string {
  return `${JSON.stringify(value, null, indent).replace(/[<>&]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}\n`
}

export function reportToJson(report: Report): string {
  return inertJson(report, 2)
}
