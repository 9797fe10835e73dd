export type {
  ApiKind,
  Endpoint,
  FailureKind,
  GenerateOptions,
  GenerationEvent,
  GenerationRequest,
  GenerationResult,
  GenerationStatus,
  InferenceFailure,
  RetryPolicy,
  ServerKind,
  Timeouts,
  Usage,
} from './types';
export { generate } from './generate';
export { ENDPOINT_PRESETS, endpointFromPreset, endpointWarnings, isLoopbackHost, normaliseBaseUrl, type PresetName } from './endpoints';
export { describeEndpoint, InferenceError, probeEndpoint, type ProbeOptions, type ServerInfo } from './serverInfo';
export { generationKey, keyOfResult, MemoryGenerationSink, type GenerationSink } from './sink';
export { generationLine, JsonlGenerationSink } from './jsonlSink';
export { toModelAnswer, type GenerationProvenance } from './modelAnswer';
export { defaultApi, effectiveParams, runBatch } from './batch';
export type { BatchEvent, BatchOptions, BatchSummary, BatchTarget } from './batchTypes';
export { DEFAULT_TIMEOUTS } from './phaseTimers';
export { DEFAULT_RETRY } from './backoff';
export { batchEventLine, batchSummaryLine } from './progressText';
