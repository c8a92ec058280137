import { describe, expect, it } from 'vitest'
import { EnvError, loadEnv } from './env'

const SECRET = 'x'.repeat(32)

function problemsOf(source: Record<string, string | undefined>): string[] {
  try {
    loadEnv(source)
  } catch (error) {
    expect(error).toBeInstanceOf(EnvError)
    return (error as EnvError).problems
  }
  throw new Error('the environment was accepted')
}

describe('loadEnv', () => {
  it('fills in the defaults for an empty environment', () => {
    const env = loadEnv({})
    expect(env.PORT).toBe(3000)
    expect(env.DATABASE_PATH).toBe('data/strategitavlan.db')
    expect(env.HOST).toBe('0.0.0.0')
    expect(env.NODE_ENV).toBe('production')
    expect(env.SEED_DEMO).toBe(true)
    expect(env.ROOM_TOKEN_TTL_SECONDS).toBe(60)
    expect(env.AUTH_SECRET).toBeUndefined()
  })

  it('reads numbers and yes/no values from their text', () => {
    const env = loadEnv({ PORT: '8080', SEED_DEMO: 'no', ROOM_TOKEN_TTL_SECONDS: '120' })
    expect(env.PORT).toBe(8080)
    expect(env.SEED_DEMO).toBe(false)
    expect(env.ROOM_TOKEN_TTL_SECONDS).toBe(120)
  })

  it('takes automatic snapshots every 10 minutes and keeps 48 unless told otherwise', () => {
    expect(loadEnv({})).toMatchObject({ SNAPSHOT_INTERVAL_MINUTES: 10, SNAPSHOT_KEEP_AUTO: 48 })
    expect(loadEnv({ SNAPSHOT_INTERVAL_MINUTES: '0.5', SNAPSHOT_KEEP_AUTO: '5' })).toMatchObject({
      SNAPSHOT_INTERVAL_MINUTES: 0.5,
      SNAPSHOT_KEEP_AUTO: 5,
    })
    expect(loadEnv({ SNAPSHOT_INTERVAL_MINUTES: '0' }).SNAPSHOT_INTERVAL_MINUTES).toBe(0)
    expect(problemsOf({ SNAPSHOT_INTERVAL_MINUTES: '-1', SNAPSHOT_KEEP_AUTO: '0' })).toHaveLength(2)
  })

  it('accepts NEXTAUTH_SECRET as the AUTH_SECRET', () => {
    expect(loadEnv({ NEXTAUTH_SECRET: SECRET }).AUTH_SECRET).toBe(SECRET)
  })

  it('prefers AUTH_SECRET when both are set', () => {
    const own = 'y'.repeat(40)
    expect(loadEnv({ AUTH_SECRET: own, NEXTAUTH_SECRET: SECRET }).AUTH_SECRET).toBe(own)
  })

  it('reports every invalid value together in one error', () => {
    const problems = problemsOf({
      PORT: 'eighty',
      AUTH_SECRET: 'too-short',
      PUBLIC_URL: 'not a url',
      LOG_LEVEL: 'chatty',
      SEED_DEMO: 'maybe',
    })
    expect(problems).toHaveLength(5)
    for (const key of ['PORT', 'AUTH_SECRET', 'PUBLIC_URL', 'LOG_LEVEL', 'SEED_DEMO']) {
      expect(
        problems.some((p) => p.startsWith(`${key}:`)),
        key,
      ).toBe(true)
    }
  })

  it('names each problem in the error message', () => {
    expect(() => loadEnv({ PORT: '70000', LOG_LEVEL: 'chatty' })).toThrow(/PORT[\s\S]*LOG_LEVEL/)
  })

  it('treats empty strings as unset', () => {
    const env = loadEnv({ PORT: '', DATABASE_PATH: '', AUTH_SECRET: '', PUBLIC_URL: '', SEED_DEMO: '' })
    expect(env.PORT).toBe(3000)
    expect(env.DATABASE_PATH).toBe('data/strategitavlan.db')
    expect(env.AUTH_SECRET).toBeUndefined()
    expect(env.PUBLIC_URL).toBeUndefined()
    expect(env.SEED_DEMO).toBe(true)
  })

  it('falls back to NEXTAUTH_SECRET when AUTH_SECRET is an empty string', () => {
    expect(loadEnv({ AUTH_SECRET: '', NEXTAUTH_SECRET: SECRET }).AUTH_SECRET).toBe(SECRET)
  })

  it('takes a postgres:// or postgresql:// DATABASE_URL and refuses any other address', () => {
    expect(loadEnv({}).DATABASE_URL).toBeUndefined()
    expect(loadEnv({ DATABASE_URL: 'postgres://tavla:hemligt@db:5432/tavla' }).DATABASE_URL).toBe('postgres://tavla:hemligt@db:5432/tavla')
    expect(loadEnv({ DATABASE_URL: 'postgresql://db/tavla' }).DATABASE_URL).toBe('postgresql://db/tavla')
    expect(problemsOf({ DATABASE_URL: 'mysql://db/tavla' })).toEqual(['DATABASE_URL: must be a postgres:// or postgresql:// URL'])
  })

  it('has defaults for every sync limit, and takes each from its text', () => {
    expect(loadEnv({})).toMatchObject({
      SYNC_MAX_MESSAGES_PER_SECOND: 200,
      SYNC_MAX_BYTES_PER_SECOND: 1024 * 1024,
      SYNC_MAX_DOC_BYTES: 32 * 1024 * 1024,
      SYNC_MAX_CONNECTIONS_PER_ROOM: 1000,
      SYNC_MAX_AWARENESS_PER_SECOND: 30,
      SYNC_MAX_BUFFERED_BYTES: 8 * 1024 * 1024,
    })
    const env = loadEnv({ SYNC_MAX_MESSAGES_PER_SECOND: '50', SYNC_MAX_DOC_BYTES: '1048576', SYNC_MAX_AWARENESS_PER_SECOND: '2.5' })
    expect(env.SYNC_MAX_MESSAGES_PER_SECOND).toBe(50)
    expect(env.SYNC_MAX_DOC_BYTES).toBe(1048576)
    expect(env.SYNC_MAX_AWARENESS_PER_SECOND).toBe(2.5)
  })

  it('refuses sync limits that would make the server unusable', () => {
    const problems = problemsOf({
      SYNC_MAX_MESSAGES_PER_SECOND: '0',
      SYNC_MAX_BYTES_PER_SECOND: '100',
      SYNC_MAX_DOC_BYTES: 'lots',
      SYNC_MAX_CONNECTIONS_PER_ROOM: '0',
      SYNC_MAX_BUFFERED_BYTES: '-1',
    })
    expect(problems.map((p) => p.split(':')[0]).sort()).toEqual([
      'SYNC_MAX_BUFFERED_BYTES',
      'SYNC_MAX_BYTES_PER_SECOND',
      'SYNC_MAX_CONNECTIONS_PER_ROOM',
      'SYNC_MAX_DOC_BYTES',
      'SYNC_MAX_MESSAGES_PER_SECOND',
    ])
  })

  it('takes a redis:// or rediss:// REDIS_URL and refuses any other address', () => {
    expect(loadEnv({}).REDIS_URL).toBeUndefined()
    expect(loadEnv({ REDIS_URL: 'redis://127.0.0.1:6379/0' }).REDIS_URL).toBe('redis://127.0.0.1:6379/0')
    expect(loadEnv({ REDIS_URL: 'rediss://:secret@cache.example.org:6380' }).REDIS_URL).toBe('rediss://:secret@cache.example.org:6380')
    expect(problemsOf({ REDIS_URL: 'http://127.0.0.1:6379' })).toEqual(['REDIS_URL: must be a redis:// or rediss:// URL'])
  })
})
