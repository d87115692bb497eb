/**
 * The bank works in China Standard Time: every time the program records or passes to the
 * domain is ISO 8601 with +08:00 and whole seconds (`2026-11-28T21:30:00+08:00`), whatever
 * the time zone of the machine.
 */
export function toLocalIso(d: Date): string {
  const shifted = new Date(Math.floor(d.getTime() / 1000) * 1000 + 8 * 3600_000);
  return `${shifted.toISOString().slice(0, 19)}+08:00`;
}

/** The calendar date (`2026-11-28`) in China Standard Time. */
export function localDate(d: Date): string {
  return toLocalIso(d).slice(0, 10);
}
