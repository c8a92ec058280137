/**
 * `npm start` ends here: read the configuration, seed a new installation, serve the app and
 * the sync endpoint on one port, and shut down cleanly on SIGTERM or SIGINT.
 *
 * Flags: `--dev` (Next.js development mode), `--sync-only` (a sync node without the web app:
 * ./syncMain.ts, which is what runs; deployed, it runs compiled, as `node dist/sync-node.mjs`).
 */
import { closeOnSignals, loadEnvOrExit, runMain } from './nodeProcess'

const args = new Set(process.argv.slice(2))

if (args.has('--sync-only')) {
  // Imported, not run from here, so that nothing of the full app is loaded beside it.
  await import('./syncMain')
} else {
  runMain(async () => {
    const dev = args.has('--dev')
    const env = loadEnvOrExit(dev ? { NODE_ENV: 'development' } : {})
    const [
      { createLogger },
      { DEMO_PASSWORD, DEMO_USERS, demoAccountsWithDemoPassword, seedDemo },
      { createServices },
      { describeDatabase },
      { startServer },
    ] = await Promise.all([
      import('./logger'),
      import('./seed'),
      import('./services'),
      import('./store/openStore'),
      import('./startServer'),
    ])
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
    const server = await startServer({ env, logger, services, dev })
    logger.info({ url: server.url, port: server.port, database: describeDatabase(env) }, 'Strategitavlan is ready')
    closeOnSignals(server, logger)
  })
}
