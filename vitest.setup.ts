import fc from 'fast-check';

// Property tests explore with a fixed seed so CI is reproducible; FC_SEED=random (or a number) explores more.
const seed =
  process.env.FC_SEED === 'random' ? Date.now() : Number(process.env.FC_SEED ?? 20261126);
fc.configureGlobal({ seed });

// Every core a test opens checks each answer against its method's output schema (electron/core/outputCheck.ts).
process.env.BENCHTOP_CHECK_OUTPUTS = '1';
