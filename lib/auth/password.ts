/**
 * Password hashing with argon2id at OWASP's recommended cost (19 MiB, 2 passes).
 * Server-side only: it loads a native module.
 */
import { hash, verify } from '@node-rs/argon2'

// `algorithm: 2` is Argon2id: the package exports it as a const enum, which isolatedModules
// cannot import.
const OPTIONS = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS)
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password)
  } catch {
    return false
  }
}

let dummyHash: Promise<string> | null = null

/**
 * Spends the same time as checking a real password, so a sign-in with an unknown email
 * cannot be told apart from a wrong password by its timing.
 */
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummyHash ??= hashPassword('strategitavlan-dummy-password')
  await verifyPassword(await dummyHash, password)
  return false
}
