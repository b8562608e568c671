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

/** "för 3 timmar sedan", measured against the server's clock so the server and browser render alike. */
export function relativeTime(iso: string, now: number, locale: keyof typeof tags): string {
  const seconds = Math.round((new Date(iso).getTime() - now) / 1000);
  const format = new Intl.RelativeTimeFormat(tags[locale], { numeric: "auto" });
  for (const [unit, size] of units) {
    if (Math.abs(seconds) >= size) return format.format(Math.trunc(seconds / size), unit);
  }
  return format.format(0, "second");
}

export function RelativeTime({ iso, now }: { iso: string; now: number }) {
  const { locale } = useRootData();
  const full = new Intl.DateTimeFormat(tags[locale], { dateStyle: "long", timeStyle: "short", timeZone: "Europe/Stockholm" }).format(
    new Date(iso),
  );
  return (
    <time dateTime={iso} title={full}>
      {relativeTime(iso, now, locale)}
    </time>
  );
}
