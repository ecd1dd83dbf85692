/** The cleaner: pure text -> CleanResult. */
export { clean, PIPELINE } from './clean.ts';
export { normalise, normaliseLine } from './steps/normalise.ts';
export { wordCount } from './text.ts';
export type { CleanOptions, CleanResult, ImageInfo, RemovalReason, RemovedLine } from './types.ts';

/** Version of the cleaning rules: bump whenever the output for some input changes. */
export const CLEANER_VERSION = '1.15.0';
