export { ReplayServer, type ReplayServerOptions } from './replayServer';
export { SimulatedServer, type SimulatedServerOptions, type SimulatedStats } from './simulatedServer';
export { calibrationFrom, type Calibration } from './benchCalibration';
export { parseScenarioSpec, type Faults, type ScenarioSpec } from './scenarioSpec';
export { SCENARIO_NAMES } from './responsePlans';
export { ERROR_BODY_NAMES } from './errorBodies';
export type { RequestRecord, RequestOutcome } from './requestLog';
export { llamaFixturePath, ownFixturePath, sseFrames } from './transcripts';
