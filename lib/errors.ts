/**
 * Errors raised while building the CDK app. One base class so callers (bin/app.ts, tests)
 * can tell a configuration mistake from a CDK or esbuild failure.
 */
export class InfraError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'InfraError';
  }
}

/**
 * Two or more construct props that cannot hold together (for example a queue visibility
 * timeout shorter than six function timeouts). `props` names every prop involved.
 */
export class ConflictingPropsError extends InfraError {
  readonly construct: string;
  readonly props: readonly string[];

  constructor(construct: string, props: readonly string[], detail: string, options?: { cause?: unknown }) {
    super(`${construct}: conflicting props ${props.map((p) => `\`${p}\``).join(' and ')}: ${detail}`, options);
    this.name = 'ConflictingPropsError';
    this.construct = construct;
    this.props = props;
  }
}

/** A single prop whose value is out of range or malformed. */
export class InvalidPropError extends InfraError {
  readonly construct: string;
  readonly prop: string;

  constructor(construct: string, prop: string, detail: string, options?: { cause?: unknown }) {
    super(`${construct}: invalid prop \`${prop}\`: ${detail}`, options);
    this.name = 'InvalidPropError';
    this.construct = construct;
    this.prop = prop;
  }
}
