import { DECREE_DAY_NAME, dutchHolidays } from './dutch-holidays';

// Hand-written from the Easter dates and the Atw art. 3 rules; not derived from the code.
const TABLE: Record<number, string[]> = {
  2024: ['01-01', '03-29', '04-01', '04-27', '05-05', '05-09', '05-20', '12-25', '12-26'],
  2025: ['01-01', '04-18', '04-21', '04-26', '05-05', '05-29', '06-09', '12-25', '12-26'],
  2026: ['01-01', '04-03', '04-06', '04-27', '05-05', '05-14', '05-25', '12-25', '12-26'],
  2027: ['01-01', '03-26', '03-29', '04-27', '05-05', '05-06', '05-17', '12-25', '12-26'],
  2028: ['01-01', '04-14', '04-17', '04-27', '05-05', '05-25', '06-05', '12-25', '12-26'],
  2029: ['01-01', '03-30', '04-02', '04-27', '05-05', '05-10', '05-21', '12-25', '12-26'],
  2030: ['01-01', '04-19', '04-22', '04-27', '05-05', '05-30', '06-10', '12-25', '12-26'],
};

describe('dutchHolidays', () => {
  it.each(Object.entries(TABLE))('lists every Atw holiday of %s', (year, days) => {
    expect(dutchHolidays(Number(year)).map((holiday) => holiday.date)).toEqual(
      days.map((day) => `${year}-${day}`),
    );
  });

  it('names the days', () => {
    expect(dutchHolidays(2024)).toEqual([
      { date: '2024-01-01', name: 'Nieuwjaarsdag' },
      { date: '2024-03-29', name: 'Goede Vrijdag' },
      { date: '2024-04-01', name: 'Tweede Paasdag' },
      { date: '2024-04-27', name: 'Koningsdag' },
      { date: '2024-05-05', name: 'Bevrijdingsdag' },
      { date: '2024-05-09', name: 'Hemelvaartsdag' },
      { date: '2024-05-20', name: 'Tweede Pinksterdag' },
      { date: '2024-12-25', name: 'Eerste Kerstdag' },
      { date: '2024-12-26', name: 'Tweede Kerstdag' },
    ]);
  });

  it.each([
    [2014, '2014-04-26'],
    [2025, '2025-04-26'],
    [2031, '2031-04-26'],
  ])('moves Koningsdag to Saturday 26 April when 27 April %i is a Sunday', (year, date) => {
    const kingsDay = dutchHolidays(year).find((holiday) => holiday.name === 'Koningsdag');
    expect(kingsDay?.date).toBe(date);
    expect(dutchHolidays(year).some((holiday) => holiday.date === `${year}-04-27`)).toBe(false);
  });

  it('keeps Koningsdag on 27 April when it is a Saturday', () => {
    expect(dutchHolidays(2030).find((holiday) => holiday.name === 'Koningsdag')?.date).toBe(
      '2030-04-27',
    );
  });

  it('lists both holidays when Hemelvaartsdag falls on 5 May', () => {
    const may5 = dutchHolidays(2016).filter((holiday) => holiday.date === '2016-05-05');
    expect(may5.map((holiday) => holiday.name).sort()).toEqual([
      'Bevrijdingsdag',
      'Hemelvaartsdag',
    ]);
  });

  it('adds decree days, named or bare, in date order', () => {
    const holidays = dutchHolidays(2027, ['2027-05-07', { date: '2027-12-27', name: 'Extra' }]);
    expect(holidays).toContainEqual({ date: '2027-05-07', name: DECREE_DAY_NAME });
    expect(holidays.map((holiday) => holiday.date).slice(-3)).toEqual([
      '2027-12-25',
      '2027-12-26',
      '2027-12-27',
    ]);
  });

  it('refuses a decree day that is invalid or in another year', () => {
    expect(() => dutchHolidays(2027, ['2028-05-26'])).toThrow(RangeError);
    expect(() => dutchHolidays(2027, ['2027-02-30'])).toThrow(RangeError);
  });
});
