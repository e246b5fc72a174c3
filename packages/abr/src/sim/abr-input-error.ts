/** Which input was malformed. */
export type AbrInputErrorCode = 'TRACE_INVALID' | 'VIDEO_INVALID';

/** A trace or video description that cannot be simulated; the message is one line a user can act on. */
export class AbrInputError extends Error {
  readonly code: AbrInputErrorCode;

  constructor(code: AbrInputErrorCode, message: string) {
    super(message);
    this.name = 'AbrInputError';
    this.code = code;
    // Keep `instanceof` working when compiled to ES5 (the legacy TV bundle).
    Object.setPrototypeOf(this, AbrInputError.prototype);
  }
}
