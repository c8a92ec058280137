/**
 * File names for downloads: the board's name and a date, e.g.
 * `Verksamhetsplan – workshop 2026-11-29.csv`, with an ASCII fallback for old clients.
 */

/** The name as an ASCII slug: å → a, spaces and punctuation → `-`. */
export function asciiSlug(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .toLowerCase()
    .slice(0, 80)
  return slug || 'strategitavlan'
}

/** A safe file name keeping the board's own letters; control and path characters removed. */
export function exportFileName(boardName: string, at: number, extension: string): string {
  const date = new Date(at).toISOString().slice(0, 10)
  const base = boardName
    .replace(/[\u0000-\u001f\u007f"\\/:*?<>|]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 100)
  return `${base || 'Strategitavlan'} ${date}.${extension}`
}

/** `attachment` with both the ASCII fallback and the RFC 5987 UTF-8 name. */
export function contentDisposition(boardName: string, at: number, extension: string): string {
  const date = new Date(at).toISOString().slice(0, 10)
  const ascii = `${asciiSlug(boardName)}-${date}.${extension}`
  const utf8 = encodeURIComponent(exportFileName(boardName, at, extension)).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  )
  return `attachment; filename="${ascii}"; filename*=UTF-8''${utf8}`
}
