/** Public API of the drift core: pure functions on Float64Array / string[] inputs (see README.md). */
export {
  ksTwoSample,
  ksTwoSampleSorted,
  ksStatisticSorted,
  KS_MAX_EXACT_N,
  type KsResult,
} from './ksTwoSample.js';
export {
  wassersteinDistance,
  wassersteinNormalized,
  wassersteinSorted,
  wassersteinNormalizedSorted,
  populationStd,
} from './wasserstein.js';
export {
  psiNumeric,
  psiNumericSorted,
  psiCategorical,
  psiFromCounts,
  PSI_FLOOR,
  PSI_DEFAULT_BINS,
} from './psi.js';
export {
  jensenShannon,
  jensenShannonCategorical,
  jensenShannonNumeric,
  jensenShannonNumericSorted,
  JS_DEFAULT_BINS,
} from './jensenShannon.js';
export { chiSquareHomogeneity, type ChiSquareResult } from './chiSquare.js';
export { twoProportionZTest, type ZTestResult } from './zTest.js';
export {
  referenceQuantileEdges,
  countOpenBins,
  sharedHistogramEdges,
  histogramCounts,
  quantileSorted,
} from './binning.js';
export {
  countCategories,
  countNumericValues,
  categoryUnion,
  categoryProportions,
  alignCounts,
  type CategoryCounts,
} from './categories.js';
export { sortedSample } from './sortedSample.js';
export { chiSquareSf, gammaP, gammaQ } from './incompleteGamma.js';
export { erfc, normalSf } from './erfc.js';
export { kolmogorovSf } from './kolmogorovTwoSided.js';
export { smirnovSf } from './smirnov.js';
export {
  detectDrift,
  testColumn,
  autoTest,
  validateDriftOptions,
  validateThreshold,
  DRIFT_TESTS,
  DEFAULT_THRESHOLDS,
  DEFAULT_DRIFT_SHARE,
  SCORE_KIND,
  AUTO_MAX_TEST_ROWS,
  AUTO_MAX_DISCRETE_VALUES,
  type DriftTestName,
  type DriftColumn,
  type DriftOptions,
  type ColumnOverride,
  type ColumnDriftResult,
  type TestedColumn,
  type SkippedColumn,
  type DatasetDriftResult,
  type EffectSizeName,
  type ScoreKind,
} from './driftTests.js';
export { DriftConfigError, DriftInputError } from './errors.js';
export { benchmarkDrift, type DriftBenchOptions, type DriftBenchResult } from './benchmarkDrift.js';
export { syntheticSample, type SampleSpec, type SampleKind } from './syntheticSample.js';
