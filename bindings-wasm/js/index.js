// The openness package: the WebAssembly engine, the published charter files it reads, and the
// errors it throws.
//
//   import init, { Spec } from "openness";
//   await init();               // in Node: await init({ module_or_path: bytes, charters })
//   const results = Spec.charter().score(input);

import loadModule, { initSync as loadModuleSync, provideCharter } from "./openness_wasm.js";
import { createError } from "./errors.js";

export { Spec, Results, closest } from "./openness_wasm.js";
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

// The published versions of the Political Openness Charter whose files ship beside this
// module as `charter-VERSION.json`, byte for byte as published; written by build.sh. The
// engine is built without them (they are data: 172 KB, 41 KB gzipped) and checks each file's
// SHA-256 when it is given.
const CHARTER_VERSIONS = /* @CHARTER_VERSIONS@ */ [];

let loading;

/**
 * Loads the WebAssembly module and, at the same time, the published charter files, which
 * `Spec.charter` reads. Options are wasm-bindgen's (`module_or_path`: the module's address or
 * bytes; default: `openness_wasm_bg.wasm` beside this file) and `charters`: the published file
 * of each version, keyed by version, as an address (string, `URL`, `Request`), a `Response`
 * or bytes; default: the files beside this file. `{}` loads none. Loads once; later calls
 * return the first's result.
 * @param {object} [options]
 */
export default function init(options) {
  loading ??= load(options).catch((error) => {
    loading = undefined;
    throw error;
  });
  return loading;
}

async function load(options) {
  const { charters, ...rest } = split(options, "module_or_path");
  const sources = charters ?? Object.fromEntries(
    CHARTER_VERSIONS.map((version) => [version, new URL(`charter-${version}.json`, import.meta.url)]),
  );
  const files = Promise.all(
    Object.entries(sources).map(async ([version, source]) => [version, await charterBytes(version, source)]),
  );
  const [output, loaded] = await Promise.all([loadModule(rest), files]);
  for (const [version, bytes] of loaded) provideCharter(version, bytes);
  return output;
}

/**
 * Loads the WebAssembly module synchronously from its bytes or a compiled `WebAssembly.Module`
 * (`{ module }`), with the published charter files given as bytes (`{ module, charters }`).
 * @param {object} options
 */
export function initSync(options) {
  const { charters, ...rest } = split(options, "module");
  const output = loadModuleSync(rest);
  for (const [version, bytes] of Object.entries(charters ?? {})) {
    provideCharter(version, asBytes(version, bytes));
  }
  return output;
}

/** The options object, with a bare module or address (wasm-bindgen's older form) wrapped. */
function split(options, key) {
  if (options == null) return {};
  if (Object.getPrototypeOf(options) === Object.prototype) return options;
  return { [key]: options };
}

/** The bytes of a charter file given as an address, a `Response` or bytes. */
async function charterBytes(version, source) {
  let response = await source;
  let address = null;
  if (typeof response === "string" || response instanceof URL || response instanceof Request) {
    address = response instanceof Request ? response.url : String(response);
    try {
      response = await fetch(response);
    } catch (cause) {
      throw notLoaded(version, `could not be fetched from ${address}: ${cause.message}`, cause);
    }
  }
  if (response instanceof Response) {
    address = response.url || address;
    if (!response.ok) {
      const status = `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ""}`;
      throw notLoaded(version, address ? `could not be fetched from ${address}: ${status}` : `was answered ${status}`);
    }
    try {
      return new Uint8Array(await response.arrayBuffer());
    } catch (cause) {
      throw notLoaded(version, `could not be read from ${address ?? "its Response"}: ${cause.message}`, cause);
    }
  }
  return asBytes(version, response);
}

/** The bytes of a charter file given as an `ArrayBuffer` or a view of one. */
function asBytes(version, source) {
  if (source instanceof ArrayBuffer) return new Uint8Array(source);
  if (ArrayBuffer.isView(source)) return new Uint8Array(source.buffer, source.byteOffset, source.byteLength);
  throw notLoaded(version, "was given as neither an address, a Response nor bytes");
}

/**
 * The error of a charter file that could not be loaded: an `UnknownSpecError` coded
 * `charter-not-loaded`, as the engine's own when a file is not the published one.
 */
function notLoaded(version, reason, cause) {
  const error = createError("unknownSpec", `the file of charter version \`${version}\` ${reason}`, {
    code: "charter-not-loaded",
    value: version,
    hint: "serve the package's charter-VERSION.json files beside its module, or pass their bytes as `charters` to init",
  });
  if (cause !== undefined) error.cause = cause;
  return error;
}
