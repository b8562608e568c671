import { useRootData } from "../root-data";

const units: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 24 * 3600],
  ["month", 30 * 24 * 3600],
  ["week", 7 * 24 * 3600],
  ["day", 24 * 3600],
  ["hour", 3600],
  ["minute", 60],
];

const tags = { sv: "sv-SE", en: "en-GB" } as const;
type Locale = keyof typeof tags;

// Creating an Intl formatter costs far more than formatting with one, and a page shows hundreds of times.
const relativeFormats = new Map<Locale, Intl.RelativeTimeFormat>();
const fullFormats = new Map<Locale, Intl.DateTimeFormat>();

function relativeFormat(locale: Locale) {
  let format = relativeFormats.get(locale);
  if (!format) relativeFormats.set(locale, (format = new Intl.RelativeTimeFormat(tags[locale], { numeric: "auto" })));
  return format;
}

function fullFormat(locale: Locale) {
  let format = fullFormats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(tags[locale], { dateStyle: "long", timeStyle: "short", timeZone: "Europe/Stockholm" });
    fullFormats.set(locale, format);
  }
  return format;
}

/** "för 3 timmar sedan", measured against the server's clock so the server and browser render alike. */
export function relativeTime(iso: string, now: number, locale: Locale): string {
  const seconds = Math.round((new Date(iso).getTime() - now) / 1000);
  const format = relativeFormat(locale);
  for (const [unit, size] of units) {
    if (Math.abs(seconds) >= size) return format.format(Math.trunc(seconds / size), unit);
  }
  return format.format(0, "second");
}

export function RelativeTime({ iso, now }: { iso: string; now: number }) {
  const { locale } = useRootData();
  const full = fullFormat(locale).format(new Date(iso));
  return (
    <time dateTime={iso} title={full}>
      {relativeTime(iso, now, locale)}
    </time>
  );
}
