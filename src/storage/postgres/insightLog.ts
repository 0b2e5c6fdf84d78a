import type pg from 'pg';
import type { AnswerFeedback, InsightLog, UnansweredQuestion } from '../insightLog.js';
import { inTransaction, withPgStoreError } from './pool.js';

export class PostgresInsightLog implements InsightLog {
  constructor(private readonly pool: pg.Pool) {}

  async recordUnanswered(entry: UnansweredQuestion): Promise<void> {
    await withPgStoreError('log an unanswered question', () =>
      this.pool.query(
        'INSERT INTO unanswered_questions (asked_at, channel, language, question) VALUES ($1, $2, $3, $4)',
        [entry.at, entry.channel, entry.language, entry.question],
      ),
    );
  }

  async recordFeedback(entry: AnswerFeedback): Promise<void> {
    await withPgStoreError('log feedback', () =>
      this.pool.query(
        'INSERT INTO answer_feedback (given_at, channel, vote, passage_id, question) VALUES ($1, $2, $3, $4, $5)',
        [entry.at, entry.channel, entry.vote, entry.passageId, entry.question],
      ),
    );
  }

  async unansweredSince(since: number): Promise<UnansweredQuestion[]> {
    const { rows } = await withPgStoreError('read unanswered questions', () =>
      this.pool.query<UnansweredQuestion>(
        `SELECT asked_at AS at, channel, language, question FROM unanswered_questions
         WHERE asked_at >= $1 ORDER BY asked_at, id`,
        [since],
      ),
    );
    return rows;
  }

  async feedbackSince(since: number): Promise<AnswerFeedback[]> {
    const { rows } = await withPgStoreError('read feedback', () =>
      this.pool.query<AnswerFeedback>(
        `SELECT given_at AS at, channel, vote, passage_id AS "passageId", question FROM answer_feedback
         WHERE given_at >= $1 ORDER BY given_at, id`,
        [since],
      ),
    );
    return rows;
  }

  async forgetOlderThan(before: number): Promise<number> {
    return withPgStoreError('forget old insights', () =>
      inTransaction(this.pool, async (client) => {
        const questions = await client.query('DELETE FROM unanswered_questions WHERE asked_at < $1', [before]);
        const votes = await client.query('DELETE FROM answer_feedback WHERE given_at < $1', [before]);
        return (questions.rowCount ?? 0) + (votes.rowCount ?? 0);
      }),
    );
  }
}
