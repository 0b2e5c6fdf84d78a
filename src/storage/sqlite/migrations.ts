/**
 * The SQLite schema, as numbered steps. A step, once released, is never edited: add a new one.
 * Times are milliseconds since the epoch (UTC).
 */
export const SQLITE_MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE state (
    key        TEXT PRIMARY KEY,
    doc        TEXT NOT NULL,
    etag       TEXT NOT NULL,
    updated_at INTEGER NOT NULL
  );
  CREATE INDEX state_updated_at ON state (updated_at);

  CREATE TABLE leads (
    id          INTEGER PRIMARY KEY,
    reference   TEXT NOT NULL UNIQUE,
    -- the same form sent again soon in one conversation (a retried activity, a double click) is one lead
    dedupe_key  TEXT NOT NULL,
    created_at  INTEGER NOT NULL,
    contact_id  TEXT NOT NULL,
    email       TEXT NOT NULL COLLATE NOCASE,
    doc         TEXT NOT NULL
  );
  CREATE INDEX leads_dedupe_key ON leads (dedupe_key);
  CREATE INDEX leads_email ON leads (email);
  CREATE INDEX leads_created_at ON leads (created_at);

  CREATE TABLE outbox (
    id              INTEGER PRIMARY KEY,
    lead_id         INTEGER NOT NULL REFERENCES leads (id) ON DELETE CASCADE,
    channel         TEXT NOT NULL,
    status          TEXT NOT NULL CHECK (status IN ('pending', 'delivered', 'dead')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    locked_until    INTEGER NOT NULL DEFAULT 0,
    last_error      TEXT,
    delivered_at    INTEGER,
    UNIQUE (lead_id, channel)
  );
  CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
  `,
  `
  -- a contact's personal Teams chat with the bot, kept so their leads can be posted there (src/channels/teams/)
  CREATE TABLE teams_conversations (
    contact_id TEXT PRIMARY KEY,
    reference  TEXT NOT NULL,
    updated_at INTEGER NOT NULL
  );
  `,
  `
  -- ids of activities already handled: a channel's retry of the same message is answered once (docs/security.md 14)
  CREATE TABLE seen_activities (
    key     TEXT PRIMARY KEY,
    seen_at INTEGER NOT NULL
  );
  CREATE INDEX seen_activities_seen_at ON seen_activities (seen_at);
  `,
  `
  -- the anonymous log editors read with \`npm run report\` (src/operations/insightLog.ts): no ids of people
  CREATE TABLE unanswered_questions (
    id       INTEGER PRIMARY KEY,
    asked_at INTEGER NOT NULL,
    channel  TEXT NOT NULL,
    language TEXT NOT NULL,
    question TEXT NOT NULL
  );
  CREATE INDEX unanswered_questions_asked_at ON unanswered_questions (asked_at);

  CREATE TABLE answer_feedback (
    id         INTEGER PRIMARY KEY,
    given_at   INTEGER NOT NULL,
    channel    TEXT NOT NULL,
    vote       TEXT NOT NULL CHECK (vote IN ('up', 'down')),
    passage_id TEXT,
    question   TEXT
  );
  CREATE INDEX answer_feedback_given_at ON answer_feedback (given_at);
  `,
  `
  -- conversations already welcomed: Teams announces one install twice (src/storage/welcomes.ts)
  CREATE TABLE welcomed (
    key         TEXT PRIMARY KEY,
    welcomed_at INTEGER NOT NULL
  );
  CREATE INDEX welcomed_welcomed_at ON welcomed (welcomed_at);
  `,
];
