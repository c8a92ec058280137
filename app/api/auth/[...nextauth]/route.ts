import NextAuth from 'next-auth'
import { getAuthOptions } from '@/lib/auth/nextAuthOptions'

// Options are resolved per request: they depend on services the server process provides.
function handler(request: Request, context: { params: Promise<{ nextauth: string[] }> }) {
  return NextAuth(request as never, context as never, getAuthOptions())
}

export { handler as GET, handler as POST }
