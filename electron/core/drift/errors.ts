import { UserError } from '../userError.js';

/** Errors thrown by the drift module; both are user errors with a one-line message. */

/** Input data that cannot be tested: an empty sample, a NaN that should have been removed, negative counts. */
export class DriftInputError extends UserError {}

/** A drift configuration the user wrote that makes no sense: unknown test, bad threshold, unknown column. */
export class DriftConfigError extends UserError {}
