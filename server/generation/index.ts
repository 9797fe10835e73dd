/**
 * Fresh generations inside the language server: one answer regenerated from the panel (streamed as
 * throttled progress, stored with its provenance) and batch jobs kept in the store (resumable), on the
 * endpoints and templates of the settings.
 */
export { LiveGenerations } from './liveGenerations';
export type { GenerationEvents, LiveGenerationOptions } from './liveGeneration';
export { BatchJobs } from './batchJobs';
export type { BatchEvents, BatchRunOptions } from './batchRun';
export { listEndpoints } from './endpointList';
export { listTemplates } from './templateList';
export { DEFAULT_ENDPOINTS, readEndpointSettings, findEndpoint, withKey, type ConfiguredEndpoint, type EndpointSettingsResult } from './endpointSettings';
export { DEFAULT_TEMPLATE_REF, loadTemplateRef, TemplateRefError, type TemplateSource } from './templateRefs';
export { GenerationParamsError, checkOverrides, samplingParams } from './sampling';
export { ProgressThrottle, PROGRESS_INTERVAL_MS, systemClock, type Clock, type ProgressPayload } from './progressThrottle';
export { answerInputOf } from './storedAnswer';
