import pg from 'pg'
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createBoardState } from '../../lib/board/createBoardDoc'
import type { Store } from '../../lib/store/types'
import { createTestSchema, findTestPostgres, postgresRequired, type TestSchema } from '../../tests/helpers/testPostgres'
import { POSTGRES_MIGRATIONS } from './postgresMigrations'
import { openPostgresStore } from './postgresStore'
import { describeStoreContract } from './testing/storeContract'

const postgres = await findTestPostgres()

if (!postgres.ok) {
  if (postgresRequired) {
    describe('PostgreSQL store', () => {
      it('has a PostgreSQL server to run against (CI requires one)', () => {
        throw new Error(postgres.problem)
      })
    })
  } else {
    console.warn(`PostgreSQL store tests not run: ${postgres.problem}`)
  }
}

describe.runIf(postgres.ok)('PostgreSQL', () => {
  const serverUrl = postgres.ok ? postgres.url : ''

  describeStoreContract('PostgreSQL', async () => {
    const { schema, drop } = await createTestSchema(serverUrl)
    const store = await openPostgresStore({ connectionString: serverUrl, schema })
    return {
      store,
      async cleanup() {
        await store.close()
        await drop()
      },
    }
  })

  describe('PostgreSQL store database', () => {
    const opened: { schemas: TestSchema[]; stores: Store[]; clients: pg.Client[] } = { schemas: [], stores: [], clients: [] }

    afterEach(async () => {
      await Promise.all(opened.stores.splice(0).map((store) => store.close()))
      await Promise.all(opened.clients.splice(0).map((client) => client.end()))
      await Promise.all(opened.schemas.splice(0).map((schema) => schema.drop()))
    })

    async function newSchema() {
      const schema = await createTestSchema(serverUrl)
      opened.schemas.push(schema)
      return schema
    }

    async function open(schema: TestSchema) {
      const store = await openPostgresStore({ connectionString: serverUrl, schema: schema.schema })
      opened.stores.push(store)
      return store
    }

    /** A plain connection to the schema, beside the store's own pool. */
    async function connect(schema: TestSchema) {
      const client = new pg.Client({ connectionString: schema.url })
      await client.connect()
      opened.clients.push(client)
      return client
    }

    it('records every migration it applied, by version and name', async () => {
      const schema = await newSchema()
      await open(schema)
      const { rows } = await (await connect(schema)).query('SELECT version, name FROM schema_migrations ORDER BY version')
      expect(rows).toEqual(POSTGRES_MIGRATIONS.map((migration, i) => ({ version: i + 1, name: migration.name })))
    })

    it('migrates once when several processes open a new database at the same moment', async () => {
      const schema = await newSchema()
      const stores = await Promise.all([open(schema), open(schema), open(schema)])
      const user = await stores[0].users.create({ email: 'anna@bibliotek.example.se', name: 'Anna', passwordHash: null })
      expect(await stores[2].users.get(user.id)).toEqual(user)
      const { rows } = await (await connect(schema)).query('SELECT COUNT(*)::int AS n FROM schema_migrations')
      expect(rows[0].n).toBe(POSTGRES_MIGRATIONS.length)
    })

    it('keeps users, boards, documents and secrets when closed and opened again', async () => {
      const schema = await newSchema()
      const first = await open(schema)
      const user = await first.users.create({ email: 'anna@bibliotek.example.se', name: 'Anna', passwordHash: null })
      const initialState = createBoardState({ name: 'Planeringsdag', locale: 'sv', includeStarterNotes: true, now: 0 })
      const board = await first.boards.create({ name: 'Planeringsdag', locale: 'sv', createdBy: user.id, initialState })
      await first.getOrCreateSecret('session', () => 'kept')
      await first.close()

      const second = await open(schema)
      expect(await second.boards.listForUser(user.id)).toEqual([{ ...board, role: 'facilitator' }])
      const doc = new Y.Doc()
      for (const update of (await second.docs.loadDoc(board.id)).updates) Y.applyUpdate(doc, update)
      expect(Y.encodeStateAsUpdate(doc)).toEqual(Y.encodeStateAsUpdate(docFrom(initialState)))
      expect(await second.getOrCreateSecret('session', () => 'new')).toBe('kept')
    })

    it('has every appended update committed, for any other connection to read, when the append resolves', async () => {
      const schema = await newSchema()
      const store = await open(schema)
      const reader = await connect(schema)
      const updates = [new Uint8Array([1, 2, 3]), new Uint8Array([4]), new Uint8Array(100_000).fill(7)]
      const lastSeq = await store.docs.appendUpdates('some-doc', updates)
      const { rows } = await reader.query('SELECT seq, data FROM doc_updates WHERE doc_id = $1 ORDER BY seq', ['some-doc'])
      expect(rows.map((row) => new Uint8Array(row.data))).toEqual(updates)
      expect(Number(rows[rows.length - 1].seq)).toBe(lastSeq)
    })

    it('makes one document’s appends visible in the order they are numbered, even from several processes at once', async () => {
      const schema = await newSchema()
      const stores = [await open(schema), await open(schema)]
      const reader = await connect(schema)
      const readSeqs = async () =>
        (await reader.query("SELECT seq FROM doc_updates WHERE doc_id = 'shared' ORDER BY seq")).rows.map((row) => Number(row.seq))
      const observed: number[][] = []
      let writing = true
      const polling = (async () => {
        while (writing) observed.push(await readSeqs())
      })()
      await Promise.all(
        [0, 1, 0, 1].map(async (s) => {
          for (let i = 0; i < 150; i++) await stores[s].docs.appendUpdates('shared', [new Uint8Array([i % 256])])
        }),
      )
      writing = false
      await polling
      const final = await readSeqs()
      expect(final).toHaveLength(600)
      expect(observed.length).toBeGreaterThan(10)
      // Whatever a reader saw up to some number, it saw every update numbered below it.
      const gaps = observed.filter((seen) => seen.length > 0 && seen.length !== final.filter((seq) => seq <= seen[seen.length - 1]).length)
      expect(gaps).toEqual([])
    }, 60_000)

    it('appends nothing of a batch when one part of it fails', async () => {
      const schema = await newSchema()
      const store = await open(schema)
      await store.docs.appendUpdates('some-doc', [new Uint8Array([1])])
      const client = await connect(schema)
      await client.query('ALTER TABLE doc_updates ADD CONSTRAINT small CHECK (octet_length(data) < 10)')
      await expect(store.docs.appendUpdates('some-doc', [new Uint8Array([2]), new Uint8Array(20)])).rejects.toThrow()
      expect((await store.docs.loadDoc('some-doc')).updates).toEqual([new Uint8Array([1])])
    })

    it('refuses, with a clear error, a database from a newer version of the app', async () => {
      const schema = await newSchema()
      await (await open(schema)).close()
      const known = POSTGRES_MIGRATIONS.length
      await (
        await connect(schema)
      ).query("INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, 'from the future', 0)", [known + 1])
      await expect(openPostgresStore({ connectionString: serverUrl, schema: schema.schema })).rejects.toThrow(
        `created by a newer Strategitavlan (schema ${known + 1}, this one knows ${known})`,
      )
    })

    it('refuses a schema name that is not a plain identifier', async () => {
      await expect(openPostgresStore({ connectionString: serverUrl, schema: 'x; DROP TABLE users' })).rejects.toThrow(/schema name/)
    })
  })
})

function docFrom(update: Uint8Array): Y.Doc {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, update)
  return doc
}
