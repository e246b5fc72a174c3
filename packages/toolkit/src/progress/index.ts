export { estimateEtaSeconds, formatClock, renderProgressBar, type ProgressLine } from './progress-math';
export { createProgressReporter, type ProgressReporter, type ProgressEvent, type ProgressStep, type ReporterOptions } from './progress-reporter';
