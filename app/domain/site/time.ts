import { formatInTimeZone, fromZonedTime } from "date-fns-tz";

/**
 * Staff type dates and times as Swedish local time (<input type="datetime-local">); the
 * database keeps instants. These convert between the two through Europe/Stockholm.
 */
const zone = "Europe/Stockholm";

/** "2025-05-01T18:00" in Stockholm → the instant. */
export function fromLocalInput(value: string): Date {
  return fromZonedTime(value, zone);
}

/** The instant → "2025-05-01T18:00" in Stockholm (for a form's default value). */
export function toLocalInput(date: Date | string | null | undefined): string {
  if (!date) return "";
  return formatInTimeZone(new Date(date), zone, "yyyy-MM-dd'T'HH:mm");
}
