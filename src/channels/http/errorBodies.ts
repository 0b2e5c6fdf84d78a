import type { Next, Response } from 'restify';

const MESSAGES: Record<number, string> = {
  400: 'Bad request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  408: 'Request timeout',
  413: 'Request body too large',
  415: 'Unsupported media type: send application/json without Content-Encoding',
  429: 'Too many requests',
  500: 'Internal error',
  501: 'Not implemented',
  503: 'Service unavailable',
};

/** The one body every error response carries: a generic message, never library text or a stack. */
export function errorBody(status: number): { error: string } {
  return { error: MESSAGES[status] ?? (status >= 500 ? 'Internal error' : 'Bad request') };
}

/** Ends a request with a generic error body; `next(false)` stops restify's chain when called from a handler. */
export function sendError(res: Response, status: number, next?: Next): void {
  res.send(status, errorBody(status));
  if (next) next(false);
}
