/**
 * Staff type dates and times as Swedish local time (<input type="datetime-local">); the
 * database keeps instants. These convert between the two through Europe/Stockholm.
 */
const zone = "Europe/Stockholm";

const partsFormat = new Intl.DateTimeFormat("en-GB", {
  timeZone: zone,
  hourCycle: "h23",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
});

function localParts(date: Date): Record<string, string> {
  return Object.fromEntries(partsFormat.formatToParts(date).map((p) => [p.type, p.value]));
}

/** "2025-05-01T18:00" in Stockholm → the instant. */
export function fromLocalInput(value: string): Date {
  const [d, t = "00:00"] = value.split("T");
  const [y, m, day] = d.split("-").map(Number);
  const [h, min] = t.split(":").map(Number);
  const wanted = Date.UTC(y, m - 1, day, h, min);
  let guess = wanted;
  // Two rounds settle the offset, also next to a daylight-saving change.
  for (let i = 0; i < 2; i++) {
    const p = localParts(new Date(guess));
    const shown = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute));
    guess += wanted - shown;
  }
  return new Date(guess);
}

/** The instant → "2025-05-01T18:00" in Stockholm (for a form's default value). */
export function toLocalInput(date: Date | string | null | undefined): string {
  if (!date) return "";
  const p = localParts(new Date(date));
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}
