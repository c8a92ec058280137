/**
 * Where to go after signing in: only a path on this site. Browsers read `/\host` and `//host`
 * (and the same with tabs or newlines inside, which they strip) as another host, so the value
 * is resolved the way a browser would and kept only if it stays on this origin.
 */
const BASE = 'http://strategitavlan.invalid'

export function safeCallback(value: string | string[] | undefined): string {
  const raw = Array.isArray(value) ? value[0] : value
  if (!raw || !raw.startsWith('/')) return '/'
  try {
    const url = new URL(raw, BASE)
    if (url.origin !== BASE) return '/'
    return `${url.pathname}${url.search}${url.hash}`
  } catch {
    return '/'
  }
}
