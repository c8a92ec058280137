import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { Store } from '../../lib/store/types'
import { createTestSchema, findTestPostgres, postgresRequired, type TestSchema } from '../../tests/helpers/testPostgres'
import { silentLogger } from '../logger'
import { describeDatabase, openStore } from './openStore'

const postgres = await findTestPostgres()
if (!postgres.ok && !postgresRequired) console.warn(`openStore with DATABASE_URL not tested: ${postgres.problem}`)

describe('openStore', () => {
  const opened: Store[] = []
  const schemas: TestSchema[] = []
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((store) => store.close()))
    await Promise.all(schemas.splice(0).map((schema) => schema.drop()))
  })

  it('opens the SQLite file at DATABASE_PATH when DATABASE_URL is unset', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'strategitavlan-open-'))
    const file = path.join(dir, 'tavla.db')
    const store = await openStore({ DATABASE_PATH: file, DATABASE_URL: undefined }, silentLogger)
    opened.push(store)
    expect(store.kind).toBe('sqlite')
    await expect(fs.stat(file)).resolves.toBeTruthy()
  })

  it.runIf(postgres.ok || postgresRequired)('opens PostgreSQL when DATABASE_URL is set, and not the SQLite file', async () => {
    if (!postgres.ok) throw new Error(postgres.problem)
    const schema = await createTestSchema(postgres.url)
    schemas.push(schema)
    const file = path.join(os.tmpdir(), `strategitavlan-unused-${Date.now()}.db`)
    const store = await openStore({ DATABASE_PATH: file, DATABASE_URL: schema.url }, silentLogger)
    opened.push(store)
    expect(store.kind).toBe('postgres')
    await store.users.create({ email: 'anna@bibliotek.example.se', name: 'Anna', passwordHash: null })
    expect(await store.users.count()).toBe(1)
    await expect(fs.stat(file)).rejects.toThrow()
  })

  it('names the database in logs without its credentials', () => {
    expect(describeDatabase({ DATABASE_PATH: 'data/x.db', DATABASE_URL: undefined })).toBe('data/x.db')
    expect(describeDatabase({ DATABASE_PATH: 'data/x.db', DATABASE_URL: 'postgres://tavla:hemligt@db:5432/tavla?sslmode=require' })).toBe(
      'postgres://db:5432/tavla',
    )
  })
})
