/**
 * The server's seal for the votes of a round that hides its tally: entry keys name a note by
 * an HMAC of its id, and values are AES-256-GCM ciphertext of `{ noteId, n }`, both under a
 * key derived from the server's secret and the round. Only the server can count them.
 */
import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto'
import type { VoteSeal } from '../board/votes'

export function voteSealFor(roundId: string, secret: string): VoteSeal {
  const key = createHash('sha256').update(`vote-seal\0${secret}\0${roundId}`).digest()
  return {
    noteKey: (noteId) => `~${createHmac('sha256', key).update(noteId).digest('base64url').slice(0, 22)}`,
    seal(noteId, n) {
      const iv = randomBytes(12)
      const cipher = createCipheriv('aes-256-gcm', key, iv)
      const body = Buffer.concat([cipher.update(JSON.stringify({ noteId, n }), 'utf8'), cipher.final()])
      return { sealed: Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64') }
    },
    open({ sealed }) {
      try {
        const bytes = Buffer.from(sealed, 'base64')
        const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, 12))
        decipher.setAuthTag(bytes.subarray(12, 28))
        const text = Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString('utf8')
        const value = JSON.parse(text) as { noteId?: unknown; n?: unknown }
        if (typeof value.noteId !== 'string' || typeof value.n !== 'number' || !Number.isFinite(value.n)) return null
        return { noteId: value.noteId, n: Math.max(0, Math.floor(value.n)) }
      } catch {
        return null
      }
    },
  }
}
