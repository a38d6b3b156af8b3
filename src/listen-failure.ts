import type { StartFailure } from './db/start-failure.js';

/** Which settings chose the socket that could not be opened, and their values. */
export interface ListenSettings {
  portName: 'PORT' | 'INBOUND_SMTP_PORT';
  port: number;
  /** The address setting, when there is one (the HTTP server listens on every interface). */
  hostName?: 'INBOUND_SMTP_HOST';
  host?: string;
}

// An address that is not this machine's, or a name that does not resolve to one.
const NOT_HERE = new Set(['EADDRNOTAVAIL', 'ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'EINVAL']);

/**
 * A socket that cannot be opened at start-up, in one line naming the setting instead of a stack
 * (a port in use, a port below 1024, an address this machine does not have). A port in use may be
 * freed (1: a service manager tries again); the others are settings (78, EX_CONFIG). Anything else
 * is not known here (undefined): the caller prints its stack.
 */
export function listenFailure(error: unknown, settings: ListenSettings): StartFailure | undefined {
  if (!(error instanceof Error)) return undefined;
  const code = (error as { code?: unknown }).code;
  if (typeof code !== 'string') return undefined;
  const where = settings.host ? `${settings.host}:${settings.port}` : `port ${settings.port}`;
  if (code === 'EADDRINUSE')
    return {
      line: `${settings.portName}: cannot listen on ${where}: another program already does (EADDRINUSE); stop it, or choose another ${settings.portName}`,
      exitCode: 1,
    };
  if (code === 'EACCES')
    return {
      line: `${settings.portName}: cannot listen on ${where}: not permitted (EACCES); a port below 1024 needs privileges Tilts does not have, so use a higher one behind the proxy`,
      exitCode: 78,
    };
  if (settings.hostName && NOT_HERE.has(code))
    return {
      line: `${settings.hostName}: cannot listen on ${where}: "${settings.host}" is not an address of this machine (${code}); use 127.0.0.1, 0.0.0.0 or one of its own addresses`,
      exitCode: 78,
    };
  return undefined;
}

/** A start-up failure already said in one line; `main` prints it and exits with its code. */
export class StartFailureError extends Error {
  constructor(readonly failure: StartFailure) {
    super(failure.line);
    this.name = 'StartFailureError';
  }
}
