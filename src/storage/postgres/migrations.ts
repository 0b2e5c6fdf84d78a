/**
 * The PostgreSQL schema, as numbered steps, mirroring the SQLite one (src/storage/sqlite/migrations.ts). A step, once
 * released, is never edited: add a new one. Times are milliseconds since the epoch (UTC), as bigint.
 */
export const POSTGRES_MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE state (
    key        text PRIMARY KEY,
    doc        text NOT NULL,
    etag       text NOT NULL,
    updated_at bigint NOT NULL
  );
  CREATE INDEX state_updated_at ON state (updated_at);

  CREATE TABLE leads (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    reference   text NOT NULL UNIQUE,
    -- the same form sent again soon in one conversation (a retried activity, a double click) is one lead
    dedupe_key  text NOT NULL,
    created_at  bigint NOT NULL,
    contact_id  text NOT NULL,
    email       text NOT NULL,
    doc         text NOT NULL
  );
  CREATE INDEX leads_dedupe_key ON leads (dedupe_key);
  CREATE INDEX leads_email ON leads (lower(email));
  CREATE INDEX leads_created_at ON leads (created_at);

  CREATE TABLE outbox (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    lead_id         bigint NOT NULL REFERENCES leads (id) ON DELETE CASCADE,
    channel         text NOT NULL,
    status          text NOT NULL CHECK (status IN ('pending', 'delivered', 'dead')),
    attempts        integer NOT NULL DEFAULT 0,
    next_attempt_at bigint NOT NULL,
    locked_until    bigint NOT NULL DEFAULT 0,
    last_error      text,
    delivered_at    bigint,
    UNIQUE (lead_id, channel)
  );
  CREATE INDEX outbox_due ON outbox (status, next_attempt_at);

  -- a contact's personal Teams chat with the bot, kept so their leads can be posted there (src/channels/teams/)
  CREATE TABLE teams_conversations (
    contact_id text PRIMARY KEY,
    reference  text NOT NULL,
    updated_at bigint NOT NULL
  );

  -- ids of activities already handled: a channel's retry of the same message is answered once (docs/security.md 14)
  CREATE TABLE seen_activities (
    key     text PRIMARY KEY,
    seen_at bigint NOT NULL
  );
  CREATE INDEX seen_activities_seen_at ON seen_activities (seen_at);
  `,
  `
  -- the anonymous log editors read with \`npm run report\` (src/operations/insightLog.ts): no ids of people
  CREATE TABLE unanswered_questions (
    id       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    asked_at bigint NOT NULL,
    channel  text NOT NULL,
    language text NOT NULL,
    question text NOT NULL
  );
  CREATE INDEX unanswered_questions_asked_at ON unanswered_questions (asked_at);

  CREATE TABLE answer_feedback (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    given_at   bigint NOT NULL,
    channel    text NOT NULL,
    vote       text NOT NULL CHECK (vote IN ('up', 'down')),
    passage_id text,
    question   text
  );
  CREATE INDEX answer_feedback_given_at ON answer_feedback (given_at);
  `,
  `
  -- conversations already welcomed: Teams announces one install twice (src/storage/welcomes.ts)
  CREATE TABLE welcomed (
    key         text PRIMARY KEY,
    welcomed_at bigint NOT NULL
  );
  CREATE INDEX welcomed_welcomed_at ON welcomed (welcomed_at);
  `,
];
