/** A malformed query: the message starts with the 1-based column of the problem. */
export class QueryError extends Error {
  override readonly name = 'QueryError';
  constructor(
    readonly column: number,
    readonly reason: string,
  ) {
    super(`at column ${column}: ${reason}`);
  }
}
