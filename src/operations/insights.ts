import type { Logger } from 'pino';
import type { InsightLog, Vote } from '../storage/insightLog.js';
import { anonymize } from './anonymize.js';
import { type AnswerResult, type BotMetrics, channelLabel, type HandoffKind } from './metrics.js';

/** Where a question was asked: the channel, and whether the turn is part of the lead flow. */
export interface AskedWhere {
  channelId: string | undefined;
  /** The turn may hold the investor's name, address or phone number: nothing of it is logged (docs/security.md 46). */
  inLeadFlow: boolean;
}

/**
 * Turns what happens in conversations into metrics and the anonymous insight log. Log writes run beside the turn:
 * a slow or failing store never delays or breaks an answer (a lost log line is only logged).
 */
export class Insights {
  constructor(
    private readonly metrics: BotMetrics,
    private readonly log: InsightLog,
    private readonly logger: Logger,
  ) {}

  answered(outcome: AnswerResult, question: string, language: string, where: AskedWhere): void {
    this.metrics.answer(outcome);
    // a turn of the lead flow holds the investor's details, not a question (docs/security.md 46)
    if (outcome !== 'dont_know' || where.inLeadFlow) return;
    const asked = anonymize(question);
    if (!asked) return;
    this.write('unanswered question', () =>
      this.log.recordUnanswered({
        at: Date.now(),
        channel: channelLabel(where.channelId),
        language,
        question: asked,
      }),
    );
  }

  handedOff(kind: HandoffKind): void {
    this.metrics.handoff(kind);
  }

  /** A thumbs up or down on an answer; `answer` is null when the conversation no longer knows it. */
  voted(
    channelId: string | undefined,
    vote: Vote,
    answer: { passageId: string; question: string | null } | null,
  ): void {
    this.metrics.vote(vote);
    this.write('feedback', () =>
      this.log.recordFeedback({
        at: Date.now(),
        channel: channelLabel(channelId),
        vote,
        passageId: answer?.passageId ?? null,
        question: answer?.question ?? null,
      }),
    );
  }

  private write(what: string, work: () => Promise<void>): void {
    work().catch((error: Error) => this.logger.warn({ err: { message: error.message } }, `could not log ${what}`));
  }
}
