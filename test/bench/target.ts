import type { AddressInfo } from 'node:net';
import type restify from 'restify';

/** A server under test, started: its URL and how to close it. */
export interface Target {
  url: string;
  close(): Promise<void>;
}

/** Listens on a free port of 127.0.0.1. */
export function listenOnLoopback(server: restify.Server): Promise<Target> {
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}`,
        close: () => new Promise<void>((done) => server.close(() => done())),
      });
    });
  });
}
