/** Errors of the performance bench. */

export class BenchError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'BenchError';
  }
}

/** Bad command-line flags; `exitCode` 0 for --help. */
export class BenchArgsError extends BenchError {
  readonly exitCode: number;
  constructor(message: string, exitCode = 2) {
    super(message);
    this.name = 'BenchArgsError';
    this.exitCode = exitCode;
  }
}

/** A part of the project the bench measures could not be loaded (missing or broken). */
export class BenchPartMissingError extends BenchError {
  readonly part: string;
  constructor(part: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'BenchPartMissingError';
    this.part = part;
  }
}
