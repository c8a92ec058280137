import { readFileSync } from 'node:fs'

/**
 * Sent with every page, file and API answer. The content security policy names no script or
 * style rules (Next.js and tldraw use inline ones); it keeps the board out of other sites'
 * frames, and images and fonts to this server — the app serves tldraw's own, so a note or
 * shape that points at an outside image, video or page cannot make everyone's browser fetch it.
 */
// The headers themselves live in lib/http/securityHeaders.json, which the Node server also
// sends with the answers it gives before Next.js sees a request (/api/health, /metrics):
// - Content-Security-Policy: frame-ancestors, base-uri and object-src; images, fonts, video,
//   audio, embedded pages and fetches from this server only, so a shape that points at another
//   site shows nothing instead of making everyone's browser call it;
// - X-Frame-Options, nosniff, Permissions-Policy;
// - Referrer-Policy: same-origin (invite links carry their secret in the path: never send it to
//   another site).
const SECURITY_HEADERS = JSON.parse(readFileSync(new URL('./lib/http/securityHeaders.json', import.meta.url), 'utf8'))

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // The sync server, the store and the password hasher live in the custom server process
  // (server/); route handlers reach them through the app context, never by import.
  serverExternalPackages: ['better-sqlite3', '@node-rs/argon2'],
  typescript: { ignoreBuildErrors: false },
  async headers() {
    return [{ source: '/:path*', headers: SECURITY_HEADERS }]
  },
}

export default nextConfig
