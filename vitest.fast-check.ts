import fc from 'fast-check';

/**
 * Property tests explore new random cases on every local run, which is how they find bugs; CI replays one
 * fixed seed, so a run that lands is reproducible and a rare case found by chance blocks nothing it did not
 * cause. `FC_SEED=<n>` replays any seed a failure printed, anywhere.
 */
const CI_SEED = 20_261_206;

const seed = Number(process.env.FC_SEED);
if (process.env.FC_SEED && Number.isInteger(seed)) fc.configureGlobal({ seed });
else if (process.env.CI) fc.configureGlobal({ seed: CI_SEED });
