/**
 * The report as JSON, for other tools. `<`, `>` and `&` are written as \u escapes: the same
 * data, but no byte sequence a browser or an HTML template could take for markup.
 */
import type { Report } from './report'

export function reportToJson(report: Report): string {
  return `${JSON.stringify(report, null, 2).replace(/[<>&]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}\n`
}
