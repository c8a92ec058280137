import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { hashPassword } from '../lib/auth/password'
import type { Store } from '../lib/store/types'
import { DEMO_USERS, demoAccountsWithDemoPassword, seedDemo } from './seed'
import { openSqliteStore } from './store/sqliteStore'

const stores: Store[] = []
afterEach(async () => {
  await Promise.all(stores.splice(0).map((store) => store.close()))
})

async function freshStore(): Promise<Store> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'strategitavlan-seed-'))
  const store = openSqliteStore(path.join(dir, 'tavla.db'))
  stores.push(store)
  return store
}

describe('the demo seed', () => {
  it('seeds an empty database once, and says which demo accounts still open with the published password', async () => {
    const store = await freshStore()
    expect(await demoAccountsWithDemoPassword(store)).toEqual([])
    expect(await seedDemo(store)).toEqual({ seeded: true })
    expect(await seedDemo(store)).toEqual({ seeded: false })
    expect(await demoAccountsWithDemoPassword(store)).toEqual([DEMO_USERS.facilitator.email, DEMO_USERS.participant.email])

    const facilitator = await store.users.findByEmail(DEMO_USERS.facilitator.email)
    await store.users.setPassword(facilitator!.id, await hashPassword('ett nytt och långt lösenord'))
    expect(await demoAccountsWithDemoPassword(store)).toEqual([DEMO_USERS.participant.email])
  })
})
