/**
 * SQLite schema, as an ordered list of migrations. Each runs once, in a transaction; the
 * applied version is kept in `PRAGMA user_version`. Append, never edit a shipped one.
 */
export const SQLITE_MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE users (
    id TEXT PRIMARY KEY,
    email TEXT NOT NULL UNIQUE COLLATE NOCASE,
    name TEXT NOT NULL,
    password_hash TEXT,
    is_admin INTEGER NOT NULL DEFAULT 0,
    locale TEXT,
    created_at INTEGER NOT NULL
  );
  CREATE TABLE boards (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    locale TEXT NOT NULL,
    created_by TEXT REFERENCES users(id) ON DELETE SET NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  );
  CREATE TABLE board_members (
    board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN ('facilitator', 'participant', 'observer')),
    PRIMARY KEY (board_id, user_id)
  );
  CREATE INDEX board_members_user ON board_members(user_id);
  CREATE TABLE doc_snapshots (
    board_id TEXT PRIMARY KEY REFERENCES boards(id) ON DELETE CASCADE,
    state BLOB NOT NULL,
    through_seq INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  );
  CREATE TABLE doc_updates (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
    data BLOB NOT NULL,
    created_at INTEGER NOT NULL
  );
  CREATE INDEX doc_updates_board ON doc_updates(board_id, seq);
  CREATE TABLE secrets (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL
  );
  `,
  // 2: invite links and the guests who joined through them. An invite's token is stored only as
  // its SHA-256. The pair (id, board_id) is unique so that a guest's board must be its invite's.
  `
  CREATE TABLE invites (
    id TEXT PRIMARY KEY,
    board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL UNIQUE,
    role TEXT NOT NULL CHECK (role IN ('facilitator', 'participant', 'observer')),
    label TEXT,
    created_by TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    revoked_at INTEGER,
    UNIQUE (id, board_id)
  );
  CREATE INDEX invites_board ON invites(board_id, created_at);
  CREATE TABLE guests (
    id TEXT PRIMARY KEY,
    board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
    invite_id TEXT NOT NULL,
    name TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    FOREIGN KEY (invite_id, board_id) REFERENCES invites(id, board_id) ON DELETE CASCADE
  );
  CREATE INDEX guests_invite ON guests(invite_id, created_at);
  `,
  // 3: documents are named (a board's own, or a private one of the board, see
  // lib/board/docIds.ts), so their tables are keyed by name rather than tied to boards.
  // Sequence numbers are kept, so the log's order is unchanged.
  `
  CREATE TABLE doc_updates_by_name (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    doc_id TEXT NOT NULL,
    data BLOB NOT NULL,
    created_at INTEGER NOT NULL
  );
  INSERT INTO doc_updates_by_name (seq, doc_id, data, created_at)
    SELECT seq, board_id, data, created_at FROM doc_updates;
  DROP TABLE doc_updates;
  ALTER TABLE doc_updates_by_name RENAME TO doc_updates;
  CREATE INDEX doc_updates_doc ON doc_updates(doc_id, seq);
  CREATE TABLE doc_snapshots_by_name (
    doc_id TEXT PRIMARY KEY,
    state BLOB NOT NULL,
    through_seq INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  );
  INSERT INTO doc_snapshots_by_name (doc_id, state, through_seq, updated_at)
    SELECT board_id, state, through_seq, updated_at FROM doc_snapshots;
  DROP TABLE doc_snapshots;
  ALTER TABLE doc_snapshots_by_name RENAME TO doc_snapshots;
  `,
  // 4: named snapshots of a board's document (issue 5). The state is one Yjs update; the note
  // count is kept beside it so the history lists without decoding documents.
  `
  CREATE TABLE board_snapshots (
    id TEXT PRIMARY KEY,
    board_id TEXT NOT NULL REFERENCES boards(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('manual', 'auto', 'voting', 'restore')),
    created_by TEXT,
    created_by_name TEXT,
    created_at INTEGER NOT NULL,
    note_count INTEGER NOT NULL,
    state BLOB NOT NULL
  );
  CREATE INDEX board_snapshots_board ON board_snapshots(board_id, created_at);
  `,
  // 5: the life of boards and the rights of people (issue 17). A board is archived (out of the
  // everyday list) or deleted (gone for everyone but administrators, until it is purged after
  // the grace period); `retention_warned_at` records the facilitators' warning before an
  // untouched board is removed. `sessions_valid_after` ends every session signed in before it
  // (sign out everywhere). The audit log names people by id and name; removing a person erases
  // the name.
  `
  ALTER TABLE boards ADD COLUMN archived_at INTEGER;
  ALTER TABLE boards ADD COLUMN deleted_at INTEGER;
  ALTER TABLE boards ADD COLUMN retention_warned_at INTEGER;
  ALTER TABLE users ADD COLUMN sessions_valid_after INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE users ADD COLUMN removed_at INTEGER;
  CREATE TABLE audit_log (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    at INTEGER NOT NULL,
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
  // 6: planning rounds (issue 18): a round's facilitators and its boards — one central board
  // and one per branch. A board is in a round once; a round has one central board.
  `
  CREATE TABLE rounds (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    period TEXT NOT NULL,
    template_version INTEGER NOT NULL,
    created_by TEXT REFERENCES users(id) ON DELETE SET NULL,
    created_at INTEGER NOT NULL
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
    added_at INTEGER NOT NULL,
    done_at INTEGER,
    PRIMARY KEY (round_id, board_id)
  );
  CREATE UNIQUE INDEX round_boards_central ON round_boards(round_id) WHERE kind = 'central';
  CREATE INDEX round_boards_board ON round_boards(board_id);
  `,
]
