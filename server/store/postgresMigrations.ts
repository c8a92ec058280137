/**
 * PostgreSQL schema, as an ordered list of named migrations. Version n is the n-th entry; the
 * versions applied are recorded in `schema_migrations`. Append, never edit a shipped one.
 *
 * The layout mirrors the SQLite store's (server/store/sqliteMigrations.ts) so both pass one
 * contract suite. Times are epoch milliseconds in BIGINT, as the app passes them around.
 */
export interface PostgresMigration {
  name: string
  sql: string
}

export const POSTGRES_MIGRATIONS: readonly PostgresMigration[] = [
  {
    name: 'users, boards, documents, invites and guests',
    sql: `
    CREATE TABLE users (
      id TEXT PRIMARY KEY,
      -- Stored normalized (trimmed, lower-cased by lib/auth/email.ts), so uniqueness does not
      -- depend on the database's collation.
      email TEXT NOT NULL UNIQUE,
      name TEXT NOT NULL,
      password_hash TEXT,
      is_admin BOOLEAN NOT NULL DEFAULT FALSE,
      locale TEXT,
      created_at BIGINT NOT NULL
    );
    CREATE TABLE boards (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      locale TEXT NOT NULL,
      created_by TEXT REFERENCES users(id) ON DELETE SET NULL,
      created_at BIGINT NOT NULL,
      updated_at BIGINT NOT NULL
    );
    CREATE TABLE board_members (
      board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
      user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      role TEXT NOT NULL CHECK (role IN ('facilitator', 'participant', 'observer')),
      PRIMARY KEY (board_id, user_id)
    );
    CREATE INDEX board_members_user ON board_members(user_id);
    -- Documents are named (a board's own, or a private one of the board, see
    -- lib/board/docIds.ts), so they are keyed by name rather than tied to boards.
    CREATE TABLE doc_snapshots (
      doc_id TEXT PRIMARY KEY,
      state BYTEA NOT NULL,
      through_seq BIGINT NOT NULL,
      updated_at BIGINT NOT NULL
    );
    CREATE TABLE doc_updates (
      seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      doc_id TEXT NOT NULL,
      data BYTEA NOT NULL,
      created_at BIGINT NOT NULL
    );
    CREATE INDEX doc_updates_doc ON doc_updates(doc_id, seq);
    CREATE TABLE secrets (
      name TEXT PRIMARY KEY,
      value TEXT NOT NULL
    );
    -- An invite's token is stored only as its SHA-256. The pair (id, board_id) is unique so
    -- that a guest's board must be its invite's. seq orders invites made in one millisecond.
    CREATE TABLE invites (
      id TEXT PRIMARY KEY,
      seq BIGINT GENERATED ALWAYS AS IDENTITY,
      board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
      token_hash TEXT NOT NULL UNIQUE,
      role TEXT NOT NULL CHECK (role IN ('facilitator', 'participant', 'observer')),
      label TEXT,
      created_by TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      created_at BIGINT NOT NULL,
      expires_at BIGINT NOT NULL,
      revoked_at BIGINT,
      UNIQUE (id, board_id)
    );
    CREATE INDEX invites_board ON invites(board_id, created_at);
    CREATE TABLE guests (
      id TEXT PRIMARY KEY,
      seq BIGINT GENERATED ALWAYS AS IDENTITY,
      board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
      invite_id TEXT NOT NULL,
      name TEXT NOT NULL,
      created_at BIGINT NOT NULL,
      FOREIGN KEY (invite_id, board_id) REFERENCES invites(id, board_id) ON DELETE CASCADE
    );
    CREATE INDEX guests_invite ON guests(invite_id, created_at);
    `,
  },
  {
    name: 'named snapshots of boards’ documents',
    // The state is one Yjs update; the note count is kept beside it so the history lists
    // without decoding documents. seq orders snapshots taken in one millisecond.
    sql: `
    CREATE TABLE board_snapshots (
      id TEXT PRIMARY KEY,
      seq BIGINT GENERATED ALWAYS AS IDENTITY,
      board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
      name TEXT NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('manual', 'auto', 'voting', 'restore')),
      created_by TEXT,
      created_by_name TEXT,
      created_at BIGINT NOT NULL,
      note_count INTEGER NOT NULL,
      state BYTEA NOT NULL
    );
    CREATE INDEX board_snapshots_board ON board_snapshots(board_id, created_at);
    `,
  },
  {
    name: 'archived and deleted boards, sessions ended, the audit log',
    // See the SQLite store's migration 5 for what each column is for.
    sql: `
    ALTER TABLE boards ADD COLUMN archived_at BIGINT;
    ALTER TABLE boards ADD COLUMN deleted_at BIGINT;
    ALTER TABLE boards ADD COLUMN retention_warned_at BIGINT;
    ALTER TABLE users ADD COLUMN sessions_valid_after BIGINT NOT NULL DEFAULT 0;
    ALTER TABLE users ADD COLUMN removed_at BIGINT;
    CREATE TABLE audit_log (
      seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      at BIGINT NOT NULL,
      actor_id TEXT,
      actor_name TEXT,
      action TEXT NOT NULL,
      board_id TEXT,
      target_id TEXT,
      detail TEXT
    );
    CREATE INDEX audit_log_at ON audit_log(at);
    CREATE INDEX audit_log_actor ON audit_log(actor_id);
    `,
  },
  {
    name: 'planning rounds',
    // See the SQLite store's migration 6.
    sql: `
    CREATE TABLE rounds (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL,
      period TEXT NOT NULL,
      template_version INTEGER NOT NULL,
      created_by TEXT REFERENCES users(id) ON DELETE SET NULL,
      created_at BIGINT NOT NULL
    );
    CREATE TABLE round_facilitators (
      round_id TEXT NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,
      user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      PRIMARY KEY (round_id, user_id)
    );
    CREATE INDEX round_facilitators_user ON round_facilitators(user_id);
    CREATE TABLE round_boards (
      round_id TEXT NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,
      board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
      kind TEXT NOT NULL CHECK (kind IN ('central', 'branch')),
      branch TEXT NOT NULL,
      added_at BIGINT NOT NULL,
      done_at BIGINT,
      PRIMARY KEY (round_id, board_id)
    );
    CREATE UNIQUE INDEX round_boards_central ON round_boards(round_id) WHERE kind = 'central';
    CREATE INDEX round_boards_board ON round_boards(board_id);
    `,
  },
]
