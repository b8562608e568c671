// Plain values the insights page needs in the browser too (the CSV writer itself is server-only).

/** Every series on /insikter as a CSV download; the names are the `serie` parameter's values. */
export const csvSeries = [
  "aktivitet",
  "tratt",
  "beslutstid",
  "projekt-status",
  "projekt-partner",
  "projekt-mal",
  "populara-ideer",
  "anmalningar",
  "moderering",
] as const;
export type CsvSeries = (typeof csvSeries)[number];

export function isCsvSeries(value: string): value is CsvSeries {
  return (csvSeries as readonly string[]).includes(value);
}
