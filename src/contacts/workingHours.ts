import type { WorkingHours } from '../knowledge/schema.js';

const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

/** When the contact will next be at work, as local weekday and time in the contact's time zone. */
export type NextOpening =
  | { openNow: true }
  | { openNow: false; day: (typeof DAYS)[number]; date: string; time: string; today: boolean };

// a DateTimeFormat is costly to build and the contacts share a handful of time zones
const clocks = new Map<string, Intl.DateTimeFormat>();

function clockIn(timeZone: string): Intl.DateTimeFormat {
  let clock = clocks.get(timeZone);
  if (!clock) {
    clock = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      weekday: 'short',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    clocks.set(timeZone, clock);
  }
  return clock;
}

/** Whether the team is at work at `now`, and if not, when it next starts (day, date and time in its own time zone). */
export function nextOpening(hours: WorkingHours, now: Date): NextOpening {
  const parts = clockIn(hours.timeZone).formatToParts(now);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const weekday = DAYS.indexOf(get('weekday').toLowerCase() as (typeof DAYS)[number]);
  const time = `${get('hour')}:${get('minute')}`;
  const works = (day: number) => hours.days.includes(DAYS[day % 7]!);
  // the calendar date `ahead` days on, in the team's time zone (YYYY-MM-DD)
  const dateIn = (ahead: number) =>
    new Date(Date.UTC(Number(get('year')), Number(get('month')) - 1, Number(get('day')) + ahead))
      .toISOString()
      .slice(0, 10);
  if (works(weekday) && time >= hours.from && time < hours.to) return { openNow: true };
  for (let ahead = 0; ahead < 8; ahead++) {
    const day = (weekday + ahead) % 7;
    if (!works(day) || (ahead === 0 && time >= hours.from)) continue;
    return { openNow: false, day: DAYS[day]!, date: dateIn(ahead), time: hours.from, today: ahead === 0 };
  }
  return { openNow: false, day: DAYS[weekday]!, date: dateIn(7), time: hours.from, today: false };
}
