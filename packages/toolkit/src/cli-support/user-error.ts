import type { ExitCodeValue } from './exit-codes';

/**
 * An error the user can fix (bad option, missing ffmpeg, unreadable input).
 * The CLI prints its one-line message, without a stack trace, and exits with `exitCode`.
 */
export class UserError extends Error {
  readonly exitCode: ExitCodeValue;

  constructor(exitCode: ExitCodeValue, message: string) {
    super(message);
    this.name = 'UserError';
    this.exitCode = exitCode;
  }
}
