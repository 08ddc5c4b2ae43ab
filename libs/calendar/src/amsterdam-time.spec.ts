import fc from 'fast-check';
import {
  amsterdamOffsetMs,
  endOfAmsterdamDay,
  startOfAmsterdamDay,
  toAmsterdamDate,
} from './amsterdam-time';

const HOUR = 3_600_000;
const utc = (iso: string) => Date.parse(iso);

// Test-only oracle: the host's tz database (the library itself must not use Intl).
const oracle = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Amsterdam',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

function oracleOffsetMs(instant: number): number {
  const part = (type: string) =>
    Number(oracle.formatToParts(instant).find((p) => p.type === type)?.value);
  const local = Date.UTC(
    part('year'),
    part('month') - 1,
    part('day'),
    part('hour'),
    part('minute'),
  );
  return local - Math.floor(instant / 60_000) * 60_000;
}

describe('Amsterdam time', () => {
  it.each([
    ['2024-03-31', '2024-10-27'],
    ['2025-03-30', '2025-10-26'],
    ['2026-03-29', '2026-10-25'],
    ['2027-03-28', '2027-10-31'],
    ['2028-03-26', '2028-10-29'],
    ['2029-03-25', '2029-10-28'],
    ['2030-03-31', '2030-10-27'],
  ])('switches to summer time on %s and back on %s at 01:00 UTC', (spring, autumn) => {
    expect(amsterdamOffsetMs(utc(`${spring}T00:59:59.999Z`))).toBe(HOUR);
    expect(amsterdamOffsetMs(utc(`${spring}T01:00:00Z`))).toBe(2 * HOUR);
    expect(amsterdamOffsetMs(utc(`${autumn}T00:59:59.999Z`))).toBe(2 * HOUR);
    expect(amsterdamOffsetMs(utc(`${autumn}T01:00:00Z`))).toBe(HOUR);
  });

  it('has a 23-hour day in spring and a 25-hour day in autumn', () => {
    expect(startOfAmsterdamDay('2024-03-31')).toBe(utc('2024-03-30T23:00:00Z'));
    expect(endOfAmsterdamDay('2024-03-31')).toBe(utc('2024-03-31T21:59:59.999Z'));
    expect(startOfAmsterdamDay('2024-10-27')).toBe(utc('2024-10-26T22:00:00Z'));
    expect(endOfAmsterdamDay('2024-10-27')).toBe(utc('2024-10-27T22:59:59.999Z'));
  });

  it('maps instants near midnight to the Dutch date', () => {
    expect(toAmsterdamDate(utc('2024-12-31T22:59:59.999Z'))).toBe('2024-12-31');
    expect(toAmsterdamDate(utc('2024-12-31T23:00:00Z'))).toBe('2025-01-01');
    expect(toAmsterdamDate(utc('2024-06-30T21:59:59.999Z'))).toBe('2024-06-30');
    expect(toAmsterdamDate(utc('2024-06-30T22:00:00Z'))).toBe('2024-07-01');
  });

  it('refuses instants before the EU rule of 1996 and non-instants', () => {
    expect(() => amsterdamOffsetMs(utc('1995-06-01T00:00:00Z'))).toThrow(RangeError);
    expect(() => amsterdamOffsetMs(Number.NaN)).toThrow(RangeError);
  });

  it('agrees with the tz database and brackets every instant in its day (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: utc('1996-01-01T00:00:00Z'), max: utc('2099-12-31T00:00:00Z') }),
        (t) => {
          expect(amsterdamOffsetMs(t)).toBe(oracleOffsetMs(t));
          const date = toAmsterdamDate(t);
          expect(date).toBe(oracle.format(t).slice(0, 10));
          expect(startOfAmsterdamDay(date)).toBeLessThanOrEqual(t);
          expect(endOfAmsterdamDay(date)).toBeGreaterThanOrEqual(t);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
