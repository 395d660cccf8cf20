import {
  AlreadyExists,
  InvalidInput,
  isUserError,
  NotFound,
  oneLine,
} from '../../core/userError.js';

/** An answer in MLflow's error format: `{"error_code", "message"}` with the code's HTTP status. */
export class MlflowError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
  get status(): number {
    return STATUS[this.code] ?? 500;
  }
}

const STATUS: Record<string, number> = {
  INVALID_PARAMETER_VALUE: 400,
  RESOURCE_ALREADY_EXISTS: 400,
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  PERMISSION_DENIED: 403,
  RESOURCE_DOES_NOT_EXIST: 404,
  ENDPOINT_NOT_FOUND: 404,
  REQUEST_LIMIT_EXCEEDED: 429,
  INTERNAL_ERROR: 500,
  NOT_IMPLEMENTED: 501,
};

export const invalid = (message: string) => new MlflowError('INVALID_PARAMETER_VALUE', message);
export const missing = (message: string) => new MlflowError('RESOURCE_DOES_NOT_EXIST', message);

/** Any error from the core, in MLflow's terms; user mistakes are 4xx so the client does not retry them. */
export function toMlflowError(e: unknown): MlflowError {
  if (e instanceof MlflowError) return e;
  if (e instanceof NotFound) return missing(e.message);
  if (e instanceof AlreadyExists) return new MlflowError('RESOURCE_ALREADY_EXISTS', e.message);
  if (e instanceof InvalidInput || isUserError(e)) return invalid(e.message);
  return new MlflowError('INTERNAL_ERROR', `internal error: ${oneLine(e)}`);
}
