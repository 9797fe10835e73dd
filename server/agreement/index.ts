/**
 * Agreement between raters: Cohen's kappa (unweighted, linear, quadratic or custom weights) for two
 * raters, Fleiss' kappa for many, and Krippendorff's alpha (nominal, ordinal, interval, ratio) with
 * missing ratings. Undefined coefficients are null with a reason; nothing here throws on degenerate data.
 */
export * from './values';
export { type ReliabilityData, type ReliabilityDataError, readReliabilityData, assertReliabilityData } from './reliabilityData';
export { type KappaWeights, weightMatrix } from './weights';
export { cohenKappa, cohenKappaFromTable, type KappaResult, type CohenOptions } from './cohen';
export { fleissKappa, fleissKappaFromCounts } from './fleiss';
export { krippendorffAlpha, krippendorffAlphaFromCoincidences, type AlphaResult, type AlphaOptions } from './krippendorff';
export { agreementReport, summarizeAgreement, defaultCohenWeights, type AgreementReport, type AgreementSummary, type AgreementOptions } from './report';
export { axisAgreement, overallAgreement, levelOfAxis, type AxisAgreement } from './rubricAxis';
