import initial from './0001-initial.js';

/** Every migration in order; version N is the N-th entry. Append only — never edit a shipped one. */
export const MIGRATIONS: readonly { version: number; name: string; sql: string }[] = [
  { version: 1, name: 'initial', sql: initial },
];
