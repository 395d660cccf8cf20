import fc from 'fast-check';

// Property tests explore with a fixed seed so CI is reproducible; FC_SEED=random (or a number) explores more.
const seed = process.env.FC_SEED === 'random' ? Date.now() : Number(process.env.FC_SEED ?? 20261126);
fc.configureGlobal({ seed });
