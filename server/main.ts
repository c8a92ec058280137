/**
 * `npm start` ends here: read the configuration, seed a new installation, serve the app and
 * the sync endpoint on one port, and shut down cleanly on SIGTERM or SIGINT.
 *
 * Flags: `--dev` (Next.js development mode), `--sync-only` (a sync node without the web app).
 */
import { EnvError, loadEnv } from '../lib/env'
import { createLogger } from './logger'
import { DEMO_PASSWORD, DEMO_USERS, demoAccountsWithDemoPassword, seedDemo } from './seed'
import { createServices } from './services'
import { describeDatabase } from './store/openStore'
import { startServer } from './startServer'

async function main() {
  const args = new Set(process.argv.slice(2))
  const dev = args.has('--dev')
  let env
  try {
    env = loadEnv({ ...process.env, ...(dev ? { NODE_ENV: 'development' } : {}) })
  } catch (error) {
    console.error(error instanceof EnvError ? error.message : error)
    process.exit(1)
  }
  const logger = createLogger(env.LOG_LEVEL)

  if (env.NODE_ENV === 'production' && !env.TLDRAW_LICENSE_KEY) {
    logger.warn(
      { setting: 'TLDRAW_LICENSE_KEY' },
      'TLDRAW_LICENSE_KEY is not set. That is fine on localhost and over plain http, but tldraw hides the ' +
        'board after 5 seconds on an HTTPS deployment at a real host name without a licence key. ' +
        'Get one at https://tldraw.dev and set TLDRAW_LICENSE_KEY before going live.',
    )
  }

  const services = await createServices(env, logger)
  if (env.SEED_DEMO) {
    const { seeded } = await seedDemo(services.store)
    if (seeded) {
      logger.info({ email: DEMO_USERS.facilitator.email, password: DEMO_PASSWORD }, 'seeded a demo facilitator and workshop board')
    }
  }
  const openDemoAccounts = await demoAccountsWithDemoPassword(services.store)
  if (openDemoAccounts.length > 0) {
    logger.warn(
      { accounts: openDemoAccounts },
      'demo accounts still have the published demo password (demo@example.org is an administrator). ' +
        'Before going live, give them new passwords (npm run user -- password <email>), or start a ' +
        'new installation with SEED_DEMO=false.',
    )
  }
  const server = await startServer({ env, logger, services, dev, web: !args.has('--sync-only') })
  logger.info({ url: server.url, port: server.port, database: describeDatabase(env) }, 'Strategitavlan is ready')

  const shutdown = (signal: string) => {
    logger.info({ signal }, 'shutting down: writing rooms and closing sockets')
    const forced = setTimeout(() => process.exit(1), 15_000)
    forced.unref()
    server.close().then(
      () => process.exit(0),
      (error: Error) => {
        logger.error({ err: error.message }, 'shutdown failed')
        process.exit(1)
      },
    )
  }
  process.once('SIGTERM', () => shutdown('SIGTERM'))
  process.once('SIGINT', () => shutdown('SIGINT'))
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
