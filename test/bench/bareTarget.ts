import restify, { type Request, type Response } from 'restify';
import { listenOnLoopback, type Target } from './target.js';

/** restify and a POST route that answers 200 at once: what HTTP and routing cost, with no bot at all. */
export async function startBareTarget(): Promise<Target> {
  const server = restify.createServer({ handleUncaughtExceptions: false });
  server.post('/api/messages', (_req: Request, res: Response, next: restify.Next) => {
    res.send(200);
    return next();
  });
  return listenOnLoopback(server);
}
