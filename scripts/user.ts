/**
 * Staff accounts from the command line, against the configured database (DATABASE_URL, or
 * else DATABASE_PATH):
 *
 *   npm run user -- add <email> --name "Full Name" [--admin] [--password <pw>]
 *   npm run user -- list
 *   npm run user -- password <email> [--password <pw>]
 *
 * Without --password a strong random password is generated and printed once. Exit codes:
 * 0 done, 1 refused (invalid input, duplicate or unknown email, bad configuration), 2 usage.
 */
import { randomBytes } from 'node:crypto'
import { parseArgs } from 'node:util'
import { z } from 'zod'
import { normalizeEmail } from '../lib/auth/email'
import { hashPassword } from '../lib/auth/password'
import { EnvError, loadEnv } from '../lib/env'
import type { Store } from '../lib/store/types'
import { silentLogger } from '../server/logger'
import { openStore } from '../server/store/openStore'

const USAGE = `Usage:
  npm run user -- add <email> --name "Full Name" [--admin] [--password <password>]
  npm run user -- list
  npm run user -- password <email> [--password <password>]

Without --password, a random password is generated and shown once.`

/** The same rules as the admin page's account form. */
const Email = z.email().max(320)
const Name = z.string().trim().min(1).max(120)
const Password = z.string().min(10).max(1024)

class Refusal extends Error {}
class UsageError extends Error {}

/** 144 random bits, URL-safe: easy to paste, hopeless to guess. */
function generatePassword(): string {
  return randomBytes(18).toString('base64url')
}

function checkedEmail(value: string | undefined): string {
  if (!value) throw new UsageError('an email address is required')
  const email = normalizeEmail(value)
  if (!Email.safeParse(email).success) throw new Refusal(`"${value}" is not a valid email address`)
  return email
}

function chosenPassword(value: string | undefined): { password: string; generated: boolean } {
  if (value === undefined) return { password: generatePassword(), generated: true }
  if (!Password.safeParse(value).success) throw new Refusal('the password must be 10 to 1024 characters long')
  return { password: value, generated: false }
}

function printPassword(password: string) {
  console.log(`Password (shown only now): ${password}`)
}

async function add(store: Store, args: { email?: string; name?: string; admin: boolean; password?: string }) {
  const email = checkedEmail(args.email)
  if (args.name === undefined) throw new UsageError('--name "Full Name" is required')
  const name = Name.safeParse(args.name)
  if (!name.success) throw new Refusal('the name must be 1 to 120 characters long')
  const { password, generated } = chosenPassword(args.password)
  if (await store.users.findByEmail(email)) throw new Refusal(`an account with the email ${email} already exists`)
  const user = await store.users.create({ email, name: name.data, passwordHash: await hashPassword(password), isAdmin: args.admin })
  console.log(`Created ${user.isAdmin ? 'admin ' : ''}account ${user.email} (${user.name}).`)
  if (generated) printPassword(password)
}

async function list(store: Store) {
  const users = await store.users.list()
  if (users.length === 0) {
    console.log('No accounts yet.')
    return
  }
  const rows = users.map((user) => [
    user.email,
    user.name,
    user.isAdmin ? 'admin' : '',
    new Date(user.createdAt).toISOString().slice(0, 10),
  ])
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)))
  for (const row of rows)
    console.log(
      row
        .map((cell, column) => cell.padEnd(widths[column]))
        .join('  ')
        .trimEnd(),
    )
}

async function setPassword(store: Store, args: { email?: string; password?: string }) {
  const email = checkedEmail(args.email)
  const { password, generated } = chosenPassword(args.password)
  const user = await store.users.findByEmail(email)
  if (!user) throw new Refusal(`there is no account with the email ${email}`)
  await store.users.setPassword(user.id, await hashPassword(password))
  console.log(`Changed the password of ${user.email} (${user.name}).`)
  if (generated) printPassword(password)
}

async function main(argv: string[]): Promise<number> {
  let parsed
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        name: { type: 'string' },
        admin: { type: 'boolean', default: false },
        password: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    })
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`)
    return 2
  }
  const { values, positionals } = parsed
  const [command, email, ...extra] = positionals
  if (values.help) {
    console.log(USAGE)
    return 0
  }

  let store: Store | null = null
  try {
    if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`)
    if (command !== 'add' && command !== 'list' && command !== 'password') {
      throw new UsageError(command ? `unknown command "${command}"` : 'a command is required')
    }
    if (command === 'list' && email !== undefined) throw new UsageError(`unexpected argument "${email}"`)
    const env = loadEnv()
    store = await openStore(env, silentLogger)
    if (command === 'add') await add(store, { email, name: values.name, admin: values.admin, password: values.password })
    else if (command === 'list') await list(store)
    else await setPassword(store, { email, password: values.password })
    return 0
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`${error.message}\n\n${USAGE}`)
      return 2
    }
    if (error instanceof Refusal || error instanceof EnvError) {
      console.error(`Error: ${error.message}`)
      return 1
    }
    throw error
  } finally {
    await store?.close()
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code
  },
  (error: unknown) => {
    console.error(error)
    process.exitCode = 1
  },
)
