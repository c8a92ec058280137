/**
 * bench/results.md holds one section per benchmark between its own start and end markers;
 * each benchmark replaces only its section and keeps the rest of the file (other benchmarks,
 * and the notes in which a person explains the figures) as it is.
 */
import fs from 'node:fs'

/**
 * Replaces the text from `startMarker` to `endMarker` (both included) in `file` with `block`,
 * which carries the markers itself; appends `block` when the file has no such section, and
 * starts a new file when there is none.
 */
export function writeSection(file: string, startMarker: string, endMarker: string, block: string): void {
  const previous = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '# Benchmark results\n'
  const from = previous.indexOf(startMarker)
  const to = previous.indexOf(endMarker)
  const next =
    from >= 0 && to > from ? previous.slice(0, from) + block + previous.slice(to + endMarker.length) : `${previous.trimEnd()}\n\n${block}\n`
  fs.writeFileSync(file, next)
}

/** The middle value, or the upper of the two middle ones for an even count. */
export const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]
