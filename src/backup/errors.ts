/**
 * A backup or restore that was refused or failed, with a message for the person running it (the
 * command line prints it as it is). Nothing was written when a restore throws one.
 */
export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupError';
  }
}
