/** Which store holds conversation state and leads: the settings the store takes (src/config.ts reads them). */
export type DatabaseConfig = SqliteConfig | PostgresConfig;

export type SqliteConfig = ({ kind: 'sqlite'; file: string } | { kind: 'sqlite-memory' }) & {
  /** How long a write waits for another connection's lock before it fails as busy (DATABASE_TIMEOUT_MS). */
  busyTimeoutMs: number;
};

export interface PostgresConfig {
  kind: 'postgres';
  /** The connection string as given (it may carry a password: never log it). */
  url: string;
  poolSize: number;
  /** How long a query waits for a connection, a lock or the server's answer before it fails (DATABASE_TIMEOUT_MS). */
  busyTimeoutMs: number;
}
