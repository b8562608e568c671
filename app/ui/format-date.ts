/** A date as "3 mars 2025" / "3 March 2025", in Swedish time on the server and in the browser alike. */
export function formatDate(date: Date | string, locale: string): string {
  return new Intl.DateTimeFormat(locale === "en" ? "en-GB" : "sv-SE", {
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: "Europe/Stockholm",
  }).format(new Date(date));
}
