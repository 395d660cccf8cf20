import type * as Tf from '@tensorflow/tfjs';

/** The tfjs namespace, whichever backend package loaded it (its own module so kernels need not import the loader). */
export type TfModule = typeof Tf;
