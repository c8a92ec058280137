import 'next-auth'
import 'next-auth/jwt'

interface GuestClaims {
  guestId: string
  boardId: string
}

declare module 'next-auth' {
  interface Session {
    user: {
      id: string
      name?: string | null
      email?: string | null
      image?: string | null
      /** Set for guests who joined one board through an invite link. */
      guest: GuestClaims | null
      /** When this session signed in (epoch ms); sessions ended after it are over. */
      signedInAt: number
    }
  }
}

declare module 'next-auth/jwt' {
  interface JWT {
    uid?: string
    guest?: GuestClaims
    signedInAt?: number
  }
}
