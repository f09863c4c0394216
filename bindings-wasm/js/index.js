// The openness package: the WebAssembly engine and the errors it throws.
//
//   import init, { Spec } from "openness";
//   await init();               // in Node: await init({ module_or_path: bytes })
//   const results = Spec.charter().score(input);

export { default, initSync, Spec, Results } from "./openness_wasm.js";
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
