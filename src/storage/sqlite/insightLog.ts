import type { AnswerFeedback, InsightLog, UnansweredQuestion } from '../insightLog.js';
import { withStoreError } from '../storeError.js';
import type { SqliteDatabase } from './database.js';
import { TurnWrites } from './turnWrites.js';

export class SqliteInsightLog implements InsightLog {
  // written during turns; prepared once
  private readonly insertUnanswered;
  private readonly insertFeedback;
  /**
   * `writes`: the commits this log shares with the handled-activity claims and the conversation state (see
   * TurnWrites). Not fsynced on its own: a power cut may only lose the last anonymous log lines, which the bot
   * already accepts for a failed write (see Insights and relaxedSync).
   */
  constructor(
    private readonly db: SqliteDatabase,
    private readonly writes = new TurnWrites(db),
  ) {
    this.insertUnanswered = db.prepare<[number, string, string, string]>(
      'INSERT INTO unanswered_questions (asked_at, channel, language, question) VALUES (?, ?, ?, ?)',
    );
    this.insertFeedback = db.prepare<[number, string, string, string | null, string | null]>(
      'INSERT INTO answer_feedback (given_at, channel, vote, passage_id, question) VALUES (?, ?, ?, ?, ?)',
    );
  }

  async recordUnanswered(entry: UnansweredQuestion): Promise<void> {
    await this.writes.add('log an unanswered question', () => {
      this.insertUnanswered.run(entry.at, entry.channel, entry.language, entry.question);
    });
  }

  async recordFeedback(entry: AnswerFeedback): Promise<void> {
    await this.writes.add('log feedback', () => {
      this.insertFeedback.run(entry.at, entry.channel, entry.vote, entry.passageId, entry.question);
    });
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
