import { stringify } from "csv-stringify/sync";

export type CsvCell = string | number | null;

/**
 * Rows as CSV (RFC 4180: quoted where needed, CRLF line ends), the one writer for every download.
 * A text starting with = + - @, tab or carriage return gets a leading ' so that a spreadsheet shows it
 * instead of running it as a formula.
 */
export function toCsv(rows: CsvCell[][]): string {
  return stringify(
    rows.map((row) => row.map((cell) => (cell === null ? "" : cell))),
    // csv-stringify quotes only the record delimiter (CRLF); a lone line feed or carriage return must be quoted too.
    { record_delimiter: "windows", escape_formulas: true, quoted_match: /[\r\n]/ },
  );
}
