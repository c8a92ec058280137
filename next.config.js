/**
 * Sent with every page, file and API answer. The content security policy names no script or
 * style rules (Next.js and tldraw use inline ones); it keeps the board out of other sites'
 * frames, and images and fonts to this server — the app serves tldraw's own, so a note or
 * shape that points at an outside image, video or page cannot make everyone's browser fetch it.
 */
const CONTENT_SECURITY_POLICY = [
  "frame-ancestors 'self'",
  "base-uri 'self'",
  "object-src 'none'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  // Video, audio, embedded pages and fetches stay on this server too: a shape that points at
  // another site shows nothing instead of making everyone's browser call it.
  "media-src 'self' data: blob:",
  "frame-src 'self'",
  "connect-src 'self'",
].join('; ')

const SECURITY_HEADERS = [
  { key: 'Content-Security-Policy', value: CONTENT_SECURITY_POLICY },
  { key: 'X-Frame-Options', value: 'SAMEORIGIN' },
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  // Invite links carry their secret in the path: never send it to another site.
  { key: 'Referrer-Policy', value: 'same-origin' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=()' },
]

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
