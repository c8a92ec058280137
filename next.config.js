/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // The sync server, the store and the password hasher live in the custom server process
  // (server/); route handlers reach them through the app context, never by import.
  serverExternalPackages: ['better-sqlite3', '@node-rs/argon2'],
  typescript: { ignoreBuildErrors: false },
}

export default nextConfig
