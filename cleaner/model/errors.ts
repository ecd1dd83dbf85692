/** Errors of the line model. Only raised for a weights module that does not fit the code. */
export class ModelError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ModelError';
  }
}

/** The weights were generated for other features than the extractor computes. */
export class ModelWeightsError extends ModelError {
  readonly layer: string;
  constructor(layer: string, message: string, options?: { cause?: unknown }) {
    super(`model weights, ${layer}: ${message}`, options);
    this.name = 'ModelWeightsError';
    this.layer = layer;
  }
}
