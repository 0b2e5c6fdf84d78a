import { createApp } from './app.js';
import { loadConfig } from './config.js';

// Process concerns only: read the config, build and start the app, listen, and shut down gracefully.
const app = await (async () => createApp(loadConfig()))().catch((error: Error) => {
  // a bad setting or knowledge file: one line naming the variable or file and the reason, no stack
  process.stderr.write(`investor bot cannot start: ${error.message}\n`);
  process.exit(1);
});
await app.start();
const url = await app.listen();
app.logger.info({ url, messages: `${url}/api/messages` }, 'investor bot listening');

let closing = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    if (closing) return;
    closing = true;
    app.logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    void app.close().then(() => process.exit(0));
  });
}
