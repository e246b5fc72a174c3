import { ErrorCode } from '../errors/error-codes';
import { TesseraError, type ErrorSeverity } from '../errors/tessera-error';

/** The one error every MP4 parser throws: code MP4_INVALID, data { reason, offset }. */
export function mp4Invalid(reason: string, offset: number, severity: ErrorSeverity = 'fatal'): TesseraError {
  return new TesseraError(ErrorCode.MP4_INVALID, severity, { reason, offset });
}
