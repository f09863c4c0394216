// The openness package: the WebAssembly engine and the errors it throws.
export * from "./openness_wasm.js";
export { default } from "./openness_wasm.js";
export {
  OpennessError,
  SpecError,
  ValidationError,
  ScoringError,
  UnknownSpecError,
  UnknownEntityError,
  UnknownNodeError,
  UnrepresentableError,
  ArgumentError,
} from "./errors.js";
export type { ErrorLocation } from "./errors.js";
