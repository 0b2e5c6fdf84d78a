/** The store cannot be opened or used right now (busy, disk full, unreachable): the caller says "try again". */
export class StoreError extends Error {
  constructor(
    message: string,
    /** Whether the same operation may succeed later (busy, locked, full disk) as opposed to a broken store. */
    readonly transient: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'StoreError';
  }
}

/** Whether a driver's error may pass by itself, from its code (if it has one) and message. */
export type TransientTest = (code: string | undefined, message: string) => boolean;

const SQLITE_TRANSIENT = ['SQLITE_BUSY', 'SQLITE_LOCKED', 'SQLITE_FULL', 'SQLITE_IOERR', 'SQLITE_READONLY'];
const sqliteTransient: TransientTest = (code) => code !== undefined && SQLITE_TRANSIENT.some((c) => code.startsWith(c));

/** Wraps a driver error (SQLite's unless another test is given) as a {@link StoreError}; never with row data. */
export function storeError(action: string, error: unknown, isTransient = sqliteTransient): StoreError {
  if (error instanceof StoreError) return error;
  const code = (error as { code?: unknown }).code;
  const message = String((error as { message?: unknown }).message ?? '');
  const transient = isTransient(typeof code === 'string' ? code : undefined, message);
  return new StoreError(`store: could not ${action}${typeof code === 'string' ? ` (${code})` : ''}`, transient, {
    cause: error,
  });
}

/** Runs one store operation, turning a driver error into a {@link StoreError} naming the action. */
export function withStoreError<T>(action: string, work: () => T): T {
  try {
    return work();
  } catch (error) {
    throw storeError(action, error);
  }
}
