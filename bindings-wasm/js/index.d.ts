// The openness package: the WebAssembly engine, the published charter files it reads, and the
// errors it throws.
import type { InitInput, InitOutput, SyncInitInput } from "./openness_wasm.js";

export * from "./openness_wasm.js";
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

/**
 * The published file of a charter version (`charter-VERSION.json` in this package): its
 * address, a `Response`, or its bytes exactly as published.
 */
export type CharterSource = string | URL | Request | Response | BufferSource;

/** How `init` loads the module and the published charter files. */
export interface InitOptions {
  /** The module's address or bytes. Default: `openness_wasm_bg.wasm` beside `index.js`. */
  module_or_path?: InitInput | Promise<InitInput>;
  /**
   * The published file of each charter version, keyed by version, which `Spec.charter` reads.
   * Default: the files beside `index.js`, fetched with the module. `{}` loads none.
   */
  charters?: Record<string, CharterSource | Promise<CharterSource>>;
}

/**
 * Loads the WebAssembly module and the published charter files, at the same time. Loads once:
 * later calls return the first's result. Rejects with an `UnknownSpecError` coded
 * `charter-not-loaded` when a charter file cannot be fetched (its address and what happened
 * are in the message) or is not the published one, and `unknown-spec` for a version that was
 * never published.
 */
export default function init(options?: InitOptions | InitInput | Promise<InitInput>): Promise<InitOutput>;

/** How `initSync` loads the module and the published charter files. */
export interface SyncInitOptions {
  /** The module's bytes, or the compiled module. */
  module: SyncInitInput;
  /** The published file of each charter version, keyed by version. Default: none. */
  charters?: Record<string, BufferSource>;
}

/** Loads the WebAssembly module, and the charter files given, synchronously. */
export function initSync(options: SyncInitOptions | SyncInitInput): InitOutput;
