/**
 * Where to go after signing in: only a path on this site. Browsers read `/\host` and `//host`
 * (and the same with tabs or newlines inside, which they strip) as another host, so the value
 * is resolved the way a browser would and kept only if it stays on this origin, and its
 * normalised path does too.
 */
const BASE = 'http://strategitavlan.invalid'

export function safeCallback(value: string | string[] | undefined): string {
  const raw = Array.isArray(value) ? value[0] : value
  if (!raw || !raw.startsWith('/')) return '/'
  try {
    const url = new URL(raw, BASE)
    if (url.origin !== BASE) return '/'
    // Resolving removes dot segments: `/.//evil.example` (or `/..//`, `/%2e//`) stays on this
    // origin as a URL but becomes the path `//evil.example`, which a browser redirected to it
    // reads as another host. Only a path that still means this site after normalising goes.
    const path = `${url.pathname}${url.search}${url.hash}`
    if (path.startsWith('//') || path.includes('\\') || new URL(path, BASE).origin !== BASE) return '/'
    return path
  } catch {
    return '/'
  }
}
