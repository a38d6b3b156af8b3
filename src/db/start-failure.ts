/** What stops the app at start-up, said in one line, and the exit code a service manager reads. */
export interface StartFailure {
  line: string;
  exitCode: number;
}

// PostgreSQL's codes for a database that is not there, or that refuses who connects.
const SETTING_WRONG = new Set(['3D000', '28P01', '28000']);
// The network's: nothing listens, no such host, no answer.
const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH']);

/**
 * A database that cannot be used, in one line instead of a driver's stack: a wrong DATABASE_URL
 * (no such database, a refused user) is a setting (78, EX_CONFIG, as other settings: a service
 * manager stops restarting); a server that cannot be reached may come back (1). Anything else is
 * not known here (undefined): the caller prints its stack.
 */
export function databaseStartFailure(error: unknown): StartFailure | undefined {
  if (!(error instanceof Error)) return undefined;
  const code = (error as { code?: unknown }).code;
  if (typeof code !== 'string') return undefined;
  if (SETTING_WRONG.has(code)) return { line: `DATABASE_URL: ${error.message}`, exitCode: 78 };
  if (UNREACHABLE.has(code))
    return { line: `the database cannot be reached (${error.message}); is it running?`, exitCode: 1 };
  return undefined;
}
