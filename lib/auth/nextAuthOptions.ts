/**
 * NextAuth configuration: email + password (credentials) with JWT sessions. The password check
 * runs in the server process (AppContext.verifyCredentials); this module only wires NextAuth.
 */
import type { NextAuthOptions } from 'next-auth'
import CredentialsProvider from 'next-auth/providers/credentials'
import { getAppContext, type AppContext } from '../runtime/appContext'

const SESSION_HOURS = 12
const cache = new WeakMap<AppContext, NextAuthOptions>()

export function getAuthOptions(): NextAuthOptions {
  const context = getAppContext()
  let options = cache.get(context)
  if (!options) {
    options = buildAuthOptions(context)
    cache.set(context, options)
  }
  return options
}

function buildAuthOptions(context: AppContext): NextAuthOptions {
  return {
    secret: context.authSecret,
    session: { strategy: 'jwt', maxAge: SESSION_HOURS * 60 * 60 },
    pages: { signIn: '/signin', error: '/signin' },
    providers: [
      CredentialsProvider({
        id: 'credentials',
        name: 'E-post och lösenord',
        credentials: { email: { type: 'email' }, password: { type: 'password' } },
        async authorize(credentials) {
          const email = typeof credentials?.email === 'string' ? credentials.email.trim() : ''
          const password = typeof credentials?.password === 'string' ? credentials.password : ''
          if (!email || !password || email.length > 320 || password.length > 1024) return null
          const user = await context.verifyCredentials(email, password)
          return user ? { id: user.id, name: user.name, email: user.email } : null
        },
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user) token.uid = user.id
        return token
      },
      session({ session, token }) {
        if (session.user && typeof token.uid === 'string') session.user.id = token.uid
        return session
      },
    },
  }
}
