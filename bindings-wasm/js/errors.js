// The errors thrown by the openness package: one class per kind of failure, all subclasses of
// OpennessError, itself a subclass of Error. The WebAssembly binding makes them through
// `createError`; applications catch them with `instanceof`.

/** A location in an input: file, and a CSV line and column or a JSON pointer. */
function location(value) {
  if (value == null) return null;
  return {
    file: value.file ?? null,
    line: value.line ?? null,
    column: value.column ?? null,
    pointer: value.pointer ?? null,
  };
}

/** The base class of every error thrown by the openness package. */
export class OpennessError extends Error {
  constructor(message, details = {}) {
    super(message);
    /** Stable code of the first error, such as `answer-not-on-scale` or `unknown-entity`. */
    this.code = details.code ?? "error";
    /** Where the first error is, or `null`. */
    this.location = location(details.location);
    /** What would be accepted, or how to fix it, or `null`. */
    this.hint = details.hint ?? null;
    /** The offending value as written, or `null`. */
    this.value = details.value ?? null;
    /** Every problem found, errors and warnings, for errors about content. */
    this.issues = details.issues ?? [];
  }
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

const classes = {
  spec: SpecError,
  validation: ValidationError,
  scoring: ScoringError,
  unknownSpec: UnknownSpecError,
  unknownEntity: UnknownEntityError,
  unknownNode: UnknownNodeError,
  unrepresentable: UnrepresentableError,
  argument: ArgumentError,
};

// `error.name` reads like the class, even after a minifier renamed the classes: shorthand
// property names are kept.
const named = {
  OpennessError,
  SpecError,
  ValidationError,
  ScoringError,
  UnknownSpecError,
  UnknownEntityError,
  UnknownNodeError,
  UnrepresentableError,
  ArgumentError,
};
for (const [name, Class] of Object.entries(named)) {
  Object.defineProperty(Class.prototype, "name", { value: name, writable: true, configurable: true });
}

/**
 * Makes the error of a kind; called by the WebAssembly binding only.
 * @param {string} kind
 * @param {string} message
 * @param {object} details
 */
export function createError(kind, message, details) {
  const Class = classes[kind] ?? OpennessError;
  return new Class(message, details);
}
