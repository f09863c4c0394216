import type { Issue, IssueCode } from "./openness_wasm.js";

/** Where a problem is: a file, and a CSV line and column or a JSON pointer. */
export interface ErrorLocation {
  file: string | null;
  line: number | null;
  column: string | null;
  pointer: string | null;
}

/** The base class of every error thrown by the openness package. */
export class OpennessError extends Error {
  /**
   * Stable code: the issue code of the first error (`answer-not-on-scale`), or for errors that
   * are not about content `unknown-spec`, `charter-not-loaded`, `unknown-entity`,
   * `unknown-node`, `unrepresentable`, `invalid-argument` or `invalid-date`.
   */
  readonly code:
    | IssueCode
    | "charter-not-loaded"
    | "unknown-entity"
    | "unknown-node"
    | "unrepresentable"
    | "invalid-argument"
    | "error";
  /** Where the first error is, or `null`. */
  readonly location: ErrorLocation | null;
  /** What would be accepted, or how to fix it, or `null`. */
  readonly hint: string | null;
  /** The offending value as written, or `null`. */
  readonly value: string | null;
  /** Every problem found, errors and warnings, for errors about content; otherwise empty. */
  readonly issues: Issue[];
}

/** The spec is not valid JSON, does not follow the spec format, or breaks a rule of it. */
export class SpecError extends OpennessError {}
/** An assessment is unreadable or fails validation; `issues` lists every problem. */
export class ValidationError extends OpennessError {}
/** The assessments are valid but the spec's rules cannot score them. */
export class ScoringError extends OpennessError {}
/**
 * No published charter version is the one asked for (`unknown-spec`), or its file was not
 * loaded or is not the published one (`charter-not-loaded`).
 */
export class UnknownSpecError extends OpennessError {}
/** The entity asked for is not in the results. */
export class UnknownEntityError extends OpennessError {}
/** The node, item or group asked for is not in the spec. */
export class UnknownNodeError extends OpennessError {}
/** The data cannot be written in the format asked for without losing part of it. */
export class UnrepresentableError extends OpennessError {}
/** An argument has the wrong JavaScript type or shape (a number where text is expected). */
export class ArgumentError extends OpennessError {}

/** Makes the error of a kind; called by the WebAssembly binding only. */
export function createError(kind: string, message: string, details: object): OpennessError;
