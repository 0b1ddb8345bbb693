import { formatDateTime } from './intervals';

describe('formatDateTime', () => {
  it('formats the same instant per zone, memoized or not', () => {
    const at = Date.parse('2026-03-29T01:30:00Z');
    for (let round = 0; round < 2; round++) {
      expect(formatDateTime(at, 'Europe/Madrid')).toBe(
        '2026-03-29T03:30:00.000+02:00',
      );
      expect(formatDateTime(at, 'America/New_York')).toBe(
        '2026-03-28T21:30:00.000-04:00',
      );
      expect(formatDateTime(at, 'UTC')).toBe('2026-03-29T01:30:00.000Z');
      expect(formatDateTime(at, 'Mars/Olympus_Mons')).toBe('');
    }
  });
});
