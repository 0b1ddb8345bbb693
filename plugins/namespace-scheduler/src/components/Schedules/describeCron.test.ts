import { describeCron } from './describeCron';

describe('describeCron', () => {
  it.each([
    ['0 8 * * 1-5', 'At 08:00 on Monday to Friday'],
    ['30 19 * * *', 'At 19:30 every day'],
    ['0 8,18 * * SAT,SUN', 'At 08:00 and 18:00 on Saturday and Sunday'],
    ['*/15 * * * *', 'Every 15 minutes'],
    ['5 * * * 0', 'At minute 5 of every hour on Sunday'],
    ['0 22 1 * *', 'At 22:00 on day 1 of the month'],
    ['0 6 * 1,2 7', 'At 06:00 on Sunday, in January and February'],
    ['0 9-17/2 * * *', 'At minute 0 of hour 9-17/2 every day'],
  ])('describes %s', (expression, text) => {
    expect(describeCron(expression)).toBe(text);
  });

  it('describes nothing that is not a valid expression', () => {
    expect(describeCron('0 8 * *')).toBeUndefined();
    expect(describeCron('0 25 * * *')).toBeUndefined();
  });
});
