// What the WebAssembly binding asks of the JavaScript host: today's date, Unicode NFC, and
// objects as JSON text. Called by the binding only.

/**
 * Today's date as `YYYY-MM-DD` in an IANA time zone (UTC when `null`), or `null` when the
 * JavaScript engine does not know the time zone.
 *
 * The core crate is built without its clock (WebAssembly has no time-zone database), so the
 * binding asks the JavaScript engine, whose Intl API knows the IANA time zones.
 * @param {string | null | undefined} zone
 * @returns {string | null}
 */
export function todayIn(zone) {
  let parts;
  try {
    const format = new Intl.DateTimeFormat("en-US", {
      timeZone: zone ?? "UTC",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
    });
    parts = format.formatToParts(new Date());
  } catch {
    return null;
  }
  const part = (type) => parts.find((p) => p.type === type)?.value;
  return `${part("year")}-${part("month")}-${part("day")}`;
}

/**
 * An object as JSON text for the core's JSON reader, keeping what `JSON.stringify` alone
 * would lose or refuse:
 *
 * - `NaN` and the infinities become the strings `"NaN"`, `"Infinity"` and `"-Infinity"`, which
 *   the core reports as `not-finite` at their JSON pointer (instead of silently `null`);
 * - a BigInt becomes the number it holds, so that an id beyond 2^53 − 1 is still seen as a
 *   number too large for JavaScript (`invalid-id`).
 *
 * Throws the engine's TypeError for values JSON cannot hold at all (cycles).
 * @param {unknown} value
 * @returns {string}
 */
export function jsonText(value) {
  return JSON.stringify(value, (_key, field) => {
    if (typeof field === "number" && !Number.isFinite(field)) return String(field);
    if (typeof field === "bigint") {
      const number = Number(field);
      return Number.isFinite(number) ? number : String(field);
    }
    return field;
  });
}

/**
 * Text in Unicode normalisation form C, for the core's comparison of identifiers. The core is
 * built without its own Unicode tables (about 110 KB); the JavaScript engine has them.
 * @param {string} text
 * @returns {string}
 */
export function nfc(text) {
  return text.normalize("NFC");
}
