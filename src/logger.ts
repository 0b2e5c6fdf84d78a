import pino, { type DestinationStream, type Logger } from 'pino';

// Investor-entered values never reach a log line, even if a caller passes a whole object by mistake.
const REDACT = [
  'text',
  '*.text',
  'activity.text',
  'value',
  '*.value',
  'name',
  '*.name',
  'email',
  '*.email',
  'phone',
  '*.phone',
];

/** Structured JSON logs (pino) with investor data redacted. */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino({ level, redact: { paths: REDACT, censor: '[redacted]' }, base: { app: 'investor-bot' } }, destination);
}
