/**
 * Which address a request came from, for rate limits and logs. Route handlers run inside Next
 * and cannot see the socket, so the server writes the address into {@link CLIENT_IP_HEADER}
 * before handing the request on, replacing whatever the client sent under that name.
 */
import type { IncomingMessage } from 'node:http'
import { CLIENT_IP_HEADER } from '../lib/runtime/appContext'

/**
 * The client's address: the socket's peer, or — behind a trusted reverse proxy — the last
 * `X-Forwarded-For` entry, the one our proxy added. Earlier entries come from the client
 * (proxies append to what they receive), so trusting them would let anyone pick their address.
 */
export function clientAddress(request: IncomingMessage, trustProxy: boolean): string {
  if (trustProxy) {
    const header = request.headers['x-forwarded-for']
    const hops = (Array.isArray(header) ? header.join(',') : (header ?? ''))
      .split(',')
      .map((hop) => hop.trim())
      .filter(Boolean)
    if (hops.length > 0) return hops[hops.length - 1]
  }
  return request.socket.remoteAddress ?? 'unknown'
}

/** Sets {@link CLIENT_IP_HEADER} on the request to its client's address. */
export function stampClientAddress(request: IncomingMessage, trustProxy: boolean): void {
  request.headers[CLIENT_IP_HEADER] = clientAddress(request, trustProxy)
}
