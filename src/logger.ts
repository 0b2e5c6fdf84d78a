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
  // credentials, whichever logger gets the request (restify logs it whole)
  'req.headers.authorization',
  '*.headers.authorization',
  'req.rawHeaders',
  '*.rawHeaders',
];

/** Structured JSON logs (pino) with investor data redacted. */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino({ level, redact: { paths: REDACT, censor: '[redacted]' }, base: { app: 'investor-bot' } }, destination);
}
