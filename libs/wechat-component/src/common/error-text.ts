/**
 * The text of a thrown value for a log line or a record: its `message` (an `Error`, or an error-like object from
 * another realm or client), else `String(value)`. Never anything more: the library keeps secrets out of error
 * messages, so the message is safe to show, while a whole object (a request config, a response) would not be.
 */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  const message = typeof error === 'object' && error !== null ? (error as { message?: unknown }).message : undefined;
  return typeof message === 'string' ? message : String(error);
}

/** The stack of a thrown `Error`, for `Logger.error`'s second argument; `undefined` for anything else. */
export function errorStack(error: unknown): string | undefined {
  return error instanceof Error ? error.stack : undefined;
}
