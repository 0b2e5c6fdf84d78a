import type { AnswerFeedback, InsightLog, UnansweredQuestion } from '../insightLog.js';
import { withStoreError } from '../storeError.js';
import type { SqliteDatabase } from './database.js';
import { relaxedSync } from './relaxedSync.js';

export class SqliteInsightLog implements InsightLog {
  // written during turns; prepared once
  private readonly insertUnanswered;
  private readonly insertFeedback;
  // not fsynced on its own: a power cut may only lose the last anonymous log lines, which the bot already accepts
  // for a failed write (see Insights and relaxedSync)
  private readonly relaxed;

  constructor(private readonly db: SqliteDatabase) {
    this.insertUnanswered = db.prepare<[number, string, string, string]>(
      'INSERT INTO unanswered_questions (asked_at, channel, language, question) VALUES (?, ?, ?, ?)',
    );
    this.insertFeedback = db.prepare<[number, string, string, string | null, string | null]>(
      'INSERT INTO answer_feedback (given_at, channel, vote, passage_id, question) VALUES (?, ?, ?, ?, ?)',
    );
    this.relaxed = relaxedSync(db);
  }

  async recordUnanswered(entry: UnansweredQuestion): Promise<void> {
    withStoreError('log an unanswered question', () =>
      this.relaxed(() => this.insertUnanswered.run(entry.at, entry.channel, entry.language, entry.question)),
    );
  }

  async recordFeedback(entry: AnswerFeedback): Promise<void> {
    withStoreError('log feedback', () =>
      this.relaxed(() => this.insertFeedback.run(entry.at, entry.channel, entry.vote, entry.passageId, entry.question)),
    );
  }

  async unansweredSince(since: number): Promise<UnansweredQuestion[]> {
    return withStoreError('read unanswered questions', () =>
      this.db
        .prepare<[number], UnansweredQuestion>(
          `SELECT asked_at AS at, channel, language, question FROM unanswered_questions
           WHERE asked_at >= ? ORDER BY asked_at, id`,
        )
        .all(since),
    );
  }

  async feedbackSince(since: number): Promise<AnswerFeedback[]> {
    return withStoreError('read feedback', () =>
      this.db
        .prepare<[number], AnswerFeedback>(
          `SELECT given_at AS at, channel, vote, passage_id AS passageId, question FROM answer_feedback
           WHERE given_at >= ? ORDER BY given_at, id`,
        )
        .all(since),
    );
  }

  async forgetOlderThan(before: number): Promise<number> {
    return withStoreError('forget old insights', () =>
      this.db.transaction(
        () =>
          this.db.prepare('DELETE FROM unanswered_questions WHERE asked_at < ?').run(before).changes +
          this.db.prepare('DELETE FROM answer_feedback WHERE given_at < ?').run(before).changes,
      )(),
    );
  }
}
