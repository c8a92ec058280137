/** Small helpers shared by route handlers: JSON errors and the same-origin check. */
import { NextResponse } from 'next/server'
import { getAppContext } from '@/lib/runtime/appContext'

/**
 * Whether a value from the path can be no id of ours: ids reach the store as they are, and a
 * NUL byte (which PostgreSQL cannot hold in text) or another control character would make it
 * answer 500. Such requests answer 400 instead.
 */
export function isMalformedPathValue(value: unknown): boolean {
  return typeof value !== 'string' || value.length > 200 || /[\u0000-\u001f\u007f]/.test(value)
}

export function jsonError(status: number, error: string) {
  return NextResponse.json({ error }, { status })
}

/**
 * State-changing requests must come from our own pages. Browsers send Origin on every
 * cross-site POST; a request whose Origin is another site's is refused.
 */
export function isSameOrigin(request: Request): boolean {
  const origin = request.headers.get('origin')
  if (!origin) return true
  const { publicUrl } = getAppContext()
  if (publicUrl) return origin === publicUrl
  const host = request.headers.get('x-forwarded-host') ?? request.headers.get('host')
  try {
    return new URL(origin).host === host
  } catch {
    return false
  }
}

/** The app's origin as the browser that made this request sees it (or PUBLIC_URL). */
export function publicOrigin(request: Request): string {
  return getAppContext().publicUrl ?? originOf(request)
}

/** The sync endpoint's base URL as seen by the browser that made this request. */
export function syncBaseUrl(request: Request): string {
  const url = new URL(publicOrigin(request))
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:'
  url.pathname = '/sync'
  url.search = ''
  return url.toString().replace(/\/$/, '')
}

function originOf(request: Request): string {
  const host = request.headers.get('x-forwarded-host') ?? request.headers.get('host') ?? 'localhost'
  const proto = request.headers.get('x-forwarded-proto') ?? new URL(request.url).protocol.replace(':', '')
  return `${proto}://${host}`
}
