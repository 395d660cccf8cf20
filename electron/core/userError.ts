/** An error the user caused and can fix; its message is shown as is (one line, no stack). */
export class UserError extends Error {
  override readonly name = 'UserError';
}

export const isUserError = (e: unknown): e is UserError => e instanceof UserError;

/** One line for the user: UserError messages as they are, anything else labelled internal. */
export function oneLine(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  return message.split('\n')[0] ?? message;
}

/** A payload that fails its contract schema (or is not JSON): transports log these as well as refusing them. */
export class InvalidInput extends UserError {}

/** The thing asked for does not exist (MLflow's RESOURCE_DOES_NOT_EXIST). */
export class NotFound extends UserError {}

/** A thing with that name already exists (MLflow's RESOURCE_ALREADY_EXISTS). */
export class AlreadyExists extends UserError {}
