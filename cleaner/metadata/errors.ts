/**
 * Errors of the metadata area. The recognisers themselves never throw (no match is null);
 * these are for building and checking the data tables.
 */
export class MetadataError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'MetadataError';
  }
}

/** A whitelisted language has no trigram model in the source package. */
export class TrigramModelMissingError extends MetadataError {
  readonly models: readonly string[];
  constructor(models: readonly string[], options?: ErrorOptions) {
    super(`no trigram model for: ${models.join(', ')}`, options);
    this.name = 'TrigramModelMissingError';
    this.models = models;
  }
}
