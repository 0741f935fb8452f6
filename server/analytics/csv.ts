import "server-only";

// RFC 4180 CSV: fields with a comma, quote, CR or LF are quoted and their quotes doubled; lines end with CRLF.
// Text that a spreadsheet would run as a formula (=, +, -, @, tab or CR first) gets a leading apostrophe, the
// OWASP advice for CSV injection: reasons and actors are free text that anyone with switch rights can write.

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

export type CsvValue = string | number | boolean | Date | null | undefined;

export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  let text: string;
  if (value instanceof Date) text = value.toISOString();
  else if (typeof value === "number" || typeof value === "boolean") return String(value);
  else text = value;
  if (FORMULA_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(values: readonly CsvValue[]): string {
  return `${values.map(csvCell).join(",")}\r\n`;
}
