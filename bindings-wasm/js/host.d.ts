/** Today's date as `YYYY-MM-DD` in an IANA time zone (UTC when `null`), or `null`. */
export function todayIn(zone: string | null | undefined): string | null;
/** An object as JSON text, with non-finite numbers as strings and BigInts as numbers. */
export function jsonText(value: unknown): string;
/** Text in Unicode normalisation form C. */
export function nfc(text: string): string;
