import type { AnswerFeedback, UnansweredQuestion } from '../storage/insightLog.js';
import { tokenize } from '../text/fold.js';

/** One question the bot could not answer, with how often it (or the same words) was asked. */
export interface UnansweredGroup {
  /** The most frequent wording. */
  question: string;
  count: number;
  languages: string[];
  lastAsked: string;
}

/** Votes on answers taken from one passage. */
export interface PassageVotes {
  passageId: string | null;
  /** Where the passage is (document title › headings), when the knowledge still has it. */
  where: string | null;
  up: number;
  down: number;
  /** Questions those answers were for, most recent first (anonymised). */
  questions: string[];
}

export interface InsightReport {
  since: string;
  unanswered: { total: number; groups: UnansweredGroup[] };
  votes: { up: number; down: number; passages: PassageVotes[] };
}

/** Same words, same question: case, accents, punctuation and word order of a short question do not matter. */
function questionKey(question: string): string {
  return tokenize(question).sort().join(' ');
}

/**
 * What editors should look at: the unanswered questions asked most often (what to add to `knowledge/`), and the
 * answers voted down most (what to correct), from the anonymous log.
 */
export function buildReport(
  unanswered: readonly UnansweredQuestion[],
  feedback: readonly AnswerFeedback[],
  options: { since: number; limit: number; describePassage: (id: string) => string | null },
): InsightReport {
  const groups = new Map<string, { wordings: Map<string, number>; languages: Set<string>; last: number }>();
  for (const entry of unanswered) {
    const key = questionKey(entry.question) || entry.question;
    const group = groups.get(key) ?? { wordings: new Map(), languages: new Set(), last: 0 };
    group.wordings.set(entry.question, (group.wordings.get(entry.question) ?? 0) + 1);
    group.languages.add(entry.language);
    group.last = Math.max(group.last, entry.at);
    groups.set(key, group);
  }
  const unansweredGroups = [...groups.values()]
    .map((g) => ({
      question: [...g.wordings.entries()].sort((a, b) => b[1] - a[1])[0]![0],
      count: [...g.wordings.values()].reduce((a, b) => a + b, 0),
      languages: [...g.languages].sort(),
      lastAsked: new Date(g.last).toISOString(),
    }))
    .sort((a, b) => b.count - a.count || b.lastAsked.localeCompare(a.lastAsked))
    .slice(0, options.limit);

  const byPassage = new Map<string | null, PassageVotes>();
  for (const vote of [...feedback].reverse()) {
    const entry = byPassage.get(vote.passageId) ?? {
      passageId: vote.passageId,
      where: vote.passageId ? options.describePassage(vote.passageId) : null,
      up: 0,
      down: 0,
      questions: [],
    };
    entry[vote.vote] += 1;
    if (vote.question && !entry.questions.includes(vote.question) && entry.questions.length < 3) {
      entry.questions.push(vote.question);
    }
    byPassage.set(vote.passageId, entry);
  }
  const passages = [...byPassage.values()].sort((a, b) => b.down - a.down || a.up - b.up).slice(0, options.limit);
  return {
    since: new Date(options.since).toISOString(),
    unanswered: { total: unanswered.length, groups: unansweredGroups },
    votes: {
      up: feedback.filter((f) => f.vote === 'up').length,
      down: feedback.filter((f) => f.vote === 'down').length,
      passages,
    },
  };
}

/** The report as plain text for a terminal. Questions are quoted as data (JSON strings), never interpreted. */
export function formatReport(report: InsightReport): string {
  const lines = [`Insight report since ${report.since.slice(0, 10)}`, ''];
  const { groups, total } = report.unanswered;
  lines.push(`Unanswered questions: ${total} asked, most frequent first`);
  if (groups.length === 0) lines.push('  (none)');
  for (const g of groups) {
    lines.push(
      `  ${String(g.count).padStart(4)}×  ${JSON.stringify(g.question)}  [${g.languages.join(', ')}; last ${g.lastAsked.slice(0, 10)}]`,
    );
  }
  lines.push('', `Votes on answers: ${report.votes.up} up, ${report.votes.down} down; most voted down first`);
  if (report.votes.passages.length === 0) lines.push('  (none)');
  for (const p of report.votes.passages) {
    lines.push(
      `  ${String(p.down).padStart(4)} down ${String(p.up).padStart(4)} up  ${p.where ?? p.passageId ?? '(answer no longer known)'}`,
    );
    for (const q of p.questions) lines.push(`        for ${JSON.stringify(q)}`);
  }
  return `${lines.join('\n')}\n`;
}
