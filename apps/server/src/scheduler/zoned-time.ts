/** Wall-clock parts of an instant in an IANA zone. */
export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    formatters.set(zone, f);
  }
  return f;
}

/** The wall clock in `zone` at `instant` (epoch ms). */
export function wallTime(instant: number, zone: string): WallTime {
  const parts: Record<string, number> = {};
  for (const part of formatter(zone).formatToParts(new Date(instant))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return { year: parts.year ?? 0, month: parts.month ?? 1, day: parts.day ?? 1, hour: parts.hour ?? 0, minute: parts.minute ?? 0, second: parts.second ?? 0 };
}

/** Offset of `zone` from UTC at `instant`, in ms (Paris in summer: +7 200 000). */
export function zoneOffset(instant: number, zone: string): number {
  const w = wallTime(instant, zone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/**
 * The instant a wall-clock time happens in `zone`. A time that occurs twice
 * (autumn) gives the first; one that never occurs (spring gap) gives the
 * first instant after the gap, as croner does for cron schedules.
 */
export function instantOf(wall: Omit<WallTime, 'second'> & { second?: number }, zone: string): number {
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second ?? 0);
  // Try both offsets around the wanted time; the earliest that round-trips wins.
  const candidates = [asUtc - zoneOffset(asUtc - 86_400_000, zone), asUtc - zoneOffset(asUtc + 86_400_000, zone), asUtc - zoneOffset(asUtc, zone)];
  const exact = candidates.filter((t) => t + zoneOffset(t, zone) === asUtc).sort((a, b) => a - b);
  if (exact[0] !== undefined) return exact[0];
  // In the spring gap: the first whole second whose wall time is past the wanted one
  // (wall time only moves forward inside this window, so a bisection finds it).
  let low = Math.floor((asUtc - 15 * 3_600_000) / 1000);
  let high = Math.ceil((asUtc + 15 * 3_600_000) / 1000);
  while (low < high) {
    const mid = Math.floor((low + high) / 2);
    if (mid * 1000 + zoneOffset(mid * 1000, zone) >= asUtc) high = mid;
    else low = mid + 1;
  }
  return low * 1000;
}

/** ISO 8601 in `zone` with its offset, e.g. `2026-03-29T03:00:00+02:00`. */
export function isoInZone(instant: number, zone: string): string {
  const w = wallTime(instant, zone);
  const offset = Math.round(zoneOffset(instant, zone) / 60_000);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}
