/** An error meant for the user: printed as one line, exits with `exitCode`. */
export class CliError extends Error {
  public readonly exitCode: number;

  public constructor(message: string, exitCode = 1, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CliError';
    this.exitCode = exitCode;
  }
}
