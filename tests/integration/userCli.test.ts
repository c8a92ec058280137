/**
 * `npm run user`: the real script in a child process against a real SQLite file, and the
 * accounts it makes signing in through the app's own `verifyCredentials`.
 */
import { execFile } from 'node:child_process'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { silentLogger } from '../../server/logger'
import { createServices, type Services } from '../../server/services'
import { createCleanup } from '../helpers/cleanup'
import { tempDbPath, testEnv } from '../helpers/syncHarness'

const projectDir = path.resolve(import.meta.dirname, '../..')
const cleanup = createCleanup()

afterEach(() => cleanup.run())

interface Run {
  code: number
  stdout: string
  stderr: string
}

function runUserScript(databasePath: string, args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'scripts/user.ts', ...args],
      { cwd: projectDir, env: { ...process.env, DATABASE_PATH: databasePath, LOG_LEVEL: 'silent' } },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0
        resolve({ code, stdout, stderr })
      },
    )
  })
}

async function servicesFor(databasePath: string): Promise<Services> {
  const services = await createServices(testEnv({ DATABASE_PATH: databasePath }), silentLogger)
  cleanup.add(() => services.store.close())
  return services
}

const signIn = (services: Services, email: string, password: string) => services.context.verifyCredentials(email, password, '127.0.0.1')

describe('npm run user -- add', () => {
  it('adds an admin whose password then signs in', async () => {
    const db = tempDbPath('cli')
    const run = await runUserScript(db, [
      'add',
      'Anna.Lind@Bibliotek.example.se',
      '--name',
      'Anna Lind',
      '--admin',
      '--password',
      'ett långt lösenord',
    ])
    expect(run.code, run.stderr).toBe(0)
    expect(run.stdout).toContain('anna.lind@bibliotek.example.se')
    expect(run.stdout).not.toContain('ett långt lösenord')

    const services = await servicesFor(db)
    const result = await signIn(services, 'anna.lind@bibliotek.example.se', 'ett långt lösenord')
    expect(result.ok && { name: result.user.name, isAdmin: result.user.isAdmin }).toEqual({ name: 'Anna Lind', isAdmin: true })
    expect((await signIn(services, 'anna.lind@bibliotek.example.se', 'fel lösenord')).ok).toBe(false)
  })

  it('without --password, generates a strong one, prints it once, and it signs in', async () => {
    const db = tempDbPath('cli')
    const run = await runUserScript(db, ['add', 'bertil@bibliotek.example.se', '--name', 'Bertil Ek'])
    expect(run.code, run.stderr).toBe(0)
    const printed = /Password \(shown only now\): (\S+)/.exec(run.stdout)?.[1]
    expect(printed).toMatch(/^[A-Za-z0-9_-]{24}$/)
    expect(run.stdout.split(printed!).length - 1).toBe(1)

    const services = await servicesFor(db)
    const result = await signIn(services, 'bertil@bibliotek.example.se', printed!)
    expect(result.ok && { name: result.user.name, isAdmin: result.user.isAdmin }).toEqual({ name: 'Bertil Ek', isAdmin: false })
  })

  it('refuses an email that already has an account, in any case, with exit code 1', async () => {
    const db = tempDbPath('cli')
    expect((await runUserScript(db, ['add', 'cecilia@bibliotek.example.se', '--name', 'Cecilia'])).code).toBe(0)
    const again = await runUserScript(db, ['add', 'CECILIA@bibliotek.example.se', '--name', 'Någon annan'])
    expect(again.code).toBe(1)
    expect(again.stderr).toContain('already exists')
    const services = await servicesFor(db)
    expect((await services.store.users.list()).map((u) => u.name)).toEqual(['Cecilia'])
  })

  it('refuses bad input with exit code 1 and a missing name or unknown command with 2', async () => {
    const db = tempDbPath('cli')
    // One after another: two processes creating the same new database file would race.
    const badEmail = await runUserScript(db, ['add', 'inte-en-adress', '--name', 'X'])
    const shortPassword = await runUserScript(db, ['add', 'david@bibliotek.example.se', '--name', 'David', '--password', 'kort'])
    const noName = await runUserScript(db, ['add', 'david@bibliotek.example.se'])
    const unknownCommand = await runUserScript(db, ['remove', 'david@bibliotek.example.se'])
    expect([badEmail.code, shortPassword.code, noName.code, unknownCommand.code]).toEqual([1, 1, 2, 2])
    expect(badEmail.stderr).toContain('not a valid email address')
    expect(shortPassword.stderr).toContain('10 to 1024 characters')
    expect(noName.stderr).toContain('--name')
    expect(unknownCommand.stderr).toContain('unknown command "remove"')
    const services = await servicesFor(db)
    expect(await services.store.users.count()).toBe(0)
  })
})

describe('npm run user -- list and password', () => {
  it('lists accounts by name and changes a password so only the new one signs in', async () => {
    const db = tempDbPath('cli')
    await runUserScript(db, ['add', 'orjan@bibliotek.example.se', '--name', 'Örjan Ek', '--password', 'första lösenordet'])
    await runUserScript(db, ['add', 'anna@bibliotek.example.se', '--name', 'Anna Lind', '--admin'])

    const listed = await runUserScript(db, ['list'])
    expect(listed.code, listed.stderr).toBe(0)
    const lines = listed.stdout.trim().split('\n')
    expect(lines).toHaveLength(2)
    expect(lines[0]).toMatch(/^anna@bibliotek\.example\.se\s+Anna Lind\s+admin\s+\d{4}-\d{2}-\d{2}$/)
    expect(lines[1]).toMatch(/^orjan@bibliotek\.example\.se\s+Örjan Ek\s+\d{4}-\d{2}-\d{2}$/)

    const changed = await runUserScript(db, ['password', 'orjan@bibliotek.example.se', '--password', 'andra lösenordet'])
    expect(changed.code, changed.stderr).toBe(0)
    const services = await servicesFor(db)
    expect((await signIn(services, 'orjan@bibliotek.example.se', 'första lösenordet')).ok).toBe(false)
    expect((await signIn(services, 'orjan@bibliotek.example.se', 'andra lösenordet')).ok).toBe(true)
  })

  it('refuses to change the password of an unknown account', async () => {
    const db = tempDbPath('cli')
    const run = await runUserScript(db, ['password', 'nobody@bibliotek.example.se'])
    expect(run.code).toBe(1)
    expect(run.stderr).toContain('no account')
    expect(run.stdout).not.toContain('Password')
  })

  it('says so when there are no accounts', async () => {
    const run = await runUserScript(tempDbPath('cli'), ['list'])
    expect(run).toMatchObject({ code: 0, stdout: 'No accounts yet.\n' })
  })
})
