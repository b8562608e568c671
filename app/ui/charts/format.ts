/** Swedish (or British English) number and date formats for the charts, the same on server and browser. */
export function intlLocale(language: string): string {
  return language === "en" ? "en-GB" : "sv-SE";
}

export function formatNumber(value: number, language: string, digits = 0): string {
  return new Intl.NumberFormat(intlLocale(language), { maximumFractionDigits: digits }).format(value);
}

export function formatPercent(value: number, language: string): string {
  return new Intl.NumberFormat(intlLocale(language), { style: "percent", maximumFractionDigits: 0 }).format(value);
}

/** A week by its Monday: "16 juni" in short series, "juni 2025" when the weeks span more than a year. */
export function formatWeek(week: string, language: string, long: boolean): string {
  const date = new Date(`${week}T12:00:00Z`);
  const options: Intl.DateTimeFormatOptions = long
    ? { month: "short", year: "numeric", timeZone: "UTC" }
    : { day: "numeric", month: "short", timeZone: "UTC" };
  return new Intl.DateTimeFormat(intlLocale(language), options).format(date);
}

/** The full date of a week's Monday, for tables: "16 juni 2025". */
export function formatWeekFull(week: string, language: string): string {
  return new Intl.DateTimeFormat(intlLocale(language), {
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  }).format(new Date(`${week}T12:00:00Z`));
}

export function spansOverAYear(weeks: string[]): boolean {
  return weeks.length > 53;
}
