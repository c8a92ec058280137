'use server'

import { z } from 'zod'
import { hashPassword } from '@/lib/auth/password'
import { getAppContext } from '@/lib/runtime/appContext'
import { getSessionUser } from '@/app/_lib/session'

export type CreateAccountState = { status: 'idle' | 'created' | 'exists' | 'invalid' | 'forbidden'; email?: string }

const Account = z.object({
  name: z.string().trim().min(1).max(120),
  email: z.email().max(320),
  password: z.string().min(10).max(1024),
  isAdmin: z.boolean(),
})

/** Admins create staff accounts (the same as `npm run user -- add`). */
export async function createAccount(_previous: CreateAccountState, form: FormData): Promise<CreateAccountState> {
  const user = await getSessionUser()
  if (user?.kind !== 'staff' || !user.isAdmin) return { status: 'forbidden' }
  const parsed = Account.safeParse({
    name: form.get('name'),
    email: String(form.get('email') ?? '').trim(),
    password: form.get('password'),
    isAdmin: form.get('isAdmin') === 'on',
  })
  if (!parsed.success) return { status: 'invalid' }
  const { store } = getAppContext()
  if (await store.users.findByEmail(parsed.data.email)) return { status: 'exists', email: parsed.data.email }
  await store.users.create({
    email: parsed.data.email,
    name: parsed.data.name,
    passwordHash: await hashPassword(parsed.data.password),
    isAdmin: parsed.data.isAdmin,
  })
  return { status: 'created', email: parsed.data.email }
}
