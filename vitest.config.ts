import path from 'node:path'
import { defineConfig } from 'vitest/config'

const alias = { '@': path.resolve(import.meta.dirname) }

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'unit',
          include: ['lib/**/*.test.{ts,tsx}', 'server/**/*.test.{ts,tsx}', 'components/**/*.test.{ts,tsx}'],
          environment: 'node',
          // Vitest's default is one worker per core less one: a single worker on a 2-core CI
          // machine. Unit files are CPU-bound (importing tldraw is most of each): one per core.
          maxWorkers: 2,
          sequence: { groupOrder: 0 },
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 60_000,
          // Integration files mostly wait on sockets, servers and databases, each their own (port
          // 0, a temporary SQLite file, unique Postgres and Redis names): three at a time on two
          // cores took the project from ~210 s to ~140 s.
          maxWorkers: 3,
          sequence: { groupOrder: 1 },
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 240_000,
          fileParallelism: false,
          sequence: { groupOrder: 2 },
          // What these tests poll for crosses a browser, a socket and a server — a camera
          // gliding to a followed person, a vote reaching another page — which on a loaded
          // machine takes more than the default second. A poll ends as soon as it holds.
          expect: { poll: { timeout: 10_000 } },
        },
      },
    ],
  },
})
