export { bootstrapInterval, bootstrapMean, checkedOptions, mean, quantile, DEFAULT_RESAMPLES, DEFAULT_SEED, type BootstrapInterval, type BootstrapOptions } from './bootstrap';
export { wilsonInterval, Z_95, type ProportionInterval } from './wilson';
export { seededRandom, type SeededRandom } from './random';
