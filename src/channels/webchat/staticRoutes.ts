import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type restify from 'restify';
import type { Request, Response } from 'restify';

/** A file served as it is, read once at start-up. */
interface Asset {
  body: Buffer;
  type: string;
  cache: string;
}

// The page loads only from its own origin: the browser itself refuses anything else (and Web Chat's inline styles).
const PAGE_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "font-src 'self'",
  "frame-ancestors 'self'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/** The Web Chat bundle inside the npm package (its `exports` hide `dist/`). */
export function webChatBundlePath(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('botframework-webchat')), '..', 'dist', 'webchat.js');
}

/**
 * The investor page (`/`), the one-line widget (`/webchat/embed.js`), its stylesheet, and the stock Web Chat
 * bundle from node_modules: no CDN, no web fonts, nothing off this origin.
 */
export function registerStatic(server: restify.Server, publicDir: string): void {
  const asset = (file: string, type: string, cache = 'no-cache'): Asset => ({ body: readFileSync(file), type, cache });
  const routes: Record<string, Asset> = {
    '/': asset(join(publicDir, 'index.html'), 'text/html; charset=utf-8'),
    '/webchat/embed.js': asset(join(publicDir, 'webchat', 'embed.js'), 'text/javascript; charset=utf-8'),
    '/webchat/widget.css': asset(join(publicDir, 'webchat', 'widget.css'), 'text/css; charset=utf-8'),
    '/webchat/site.css': asset(join(publicDir, 'webchat', 'site.css'), 'text/css; charset=utf-8'),
    '/webchat/webchat.js': asset(webChatBundlePath(), 'text/javascript; charset=utf-8', 'public, max-age=86400'),
  };
  for (const [path, file] of Object.entries(routes)) {
    server.get(path, (_req: Request, res: Response, next: restify.Next) => {
      res.writeHead(200, {
        'content-type': file.type,
        'content-length': file.body.length,
        'cache-control': file.cache,
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
        ...(file.type.startsWith('text/html') ? { 'content-security-policy': PAGE_POLICY } : {}),
      });
      res.end(file.body);
      return next();
    });
  }
}
