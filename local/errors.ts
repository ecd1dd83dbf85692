/**
 * Errors of the embedded local stack. One base class so the CLI can tell a local-stack
 * problem (a port in use, a corrupt data folder) from a bug.
 */
export class LocalStackError extends Error {
  public constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'LocalStackError';
  }
}

/** A server (s3rver, dynalite, the SQS endpoint) could not start, e.g. its port is taken. */
export class ServerStartError extends LocalStackError {
  public readonly server: string;
  public readonly port: number;

  public constructor(server: string, port: number, options?: { cause?: unknown }) {
    const code = (options?.cause as { code?: string } | undefined)?.code;
    const detail = code === 'EADDRINUSE' ? `port ${port} is already in use (another \`npm start\`?)` : `could not listen on 127.0.0.1:${port}`;
    super(`${server}: ${detail}`, options);
    this.name = 'ServerStartError';
    this.server = server;
    this.port = port;
  }
}

/** An object key that would resolve outside the storage folder (never expected: keys are encoded). */
export class KeyEscapesStorageError extends LocalStackError {
  public readonly key: string;

  public constructor(key: string, options?: { cause?: unknown }) {
    super(`object key ${JSON.stringify(key)} resolves outside the storage folder`, options);
    this.name = 'KeyEscapesStorageError';
    this.key = key;
  }
}

/** The local queue was used after stop(). */
export class QueueStoppedError extends LocalStackError {
  public constructor(queue: string, options?: { cause?: unknown }) {
    super(`queue ${queue} is stopped`, options);
    this.name = 'QueueStoppedError';
  }
}

/** A handler thread (local/handler-thread.ts) exited with invocations unanswered, or none is left. */
export class HandlerThreadExitedError extends LocalStackError {
  public constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'HandlerThreadExitedError';
  }
}
