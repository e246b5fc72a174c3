export { ErrorCode, type ErrorCodeName, type ErrorCodeValue } from './error-codes';
export {
  TesseraError,
  isTesseraError,
  categoryOf,
  type ErrorCategory,
  type ErrorSeverity,
  type ErrorData,
  type ErrorDataMap,
} from './tessera-error';
