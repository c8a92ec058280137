/** Small helpers shared by route handlers: JSON errors and bodies, and the same-origin check. */
import { NextResponse } from 'next/server'
import type { z } from 'zod'
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
 * A request's JSON body checked against `schema`: `{ data }`, or the error response to answer
 * (413 past `maxBytes`, 400 for what is no JSON or does not fit the schema). An empty body is `{}`.
 */
export async function readJsonBody<Schema extends z.ZodType>(
  request: Request,
  schema: Schema,
  maxBytes: number,
): Promise<{ data: z.infer<Schema> } | { error: Response }> {
  const text = await request.text()
  if (text.length > maxBytes) return { error: jsonError(413, 'body too large') }
  let json: unknown
  try {
    json = text ? JSON.parse(text) : {}
  } catch {
    return { error: jsonError(400, 'body must be JSON') }
  }
  const parsed = schema.safeParse(json)
  if (!parsed.success) {
    return { error: jsonError(400, parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ')) }
  }
  return { data: parsed.data }
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
