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

const TRANSIENT_CODES = ['SQLITE_BUSY', 'SQLITE_LOCKED', 'SQLITE_FULL', 'SQLITE_IOERR', 'SQLITE_READONLY'];

/** Wraps a driver error as a {@link StoreError}; the message never carries row data. */
export function storeError(action: string, error: unknown): StoreError {
  if (error instanceof StoreError) return error;
  const code = (error as { code?: unknown }).code;
  const transient = typeof code === 'string' && TRANSIENT_CODES.some((c) => code.startsWith(c));
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
