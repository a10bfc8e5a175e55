import { describe, expect, it } from 'vitest';
import { checkCron, checkTimezone } from './cron-check';

const message = (expression: string) => {
  const check = checkCron(expression);
  return check.ok ? 'ok' : check.message;
};

describe('checkCron', () => {
  it('accepts 5- and 6-field expressions with names, ranges, steps and L/W/#', () => {
    for (const ok of ['0 7 * * 1-5', '*/2 * * * * *', '0 7 * * MON-FRI', '30 2 * * *', '0 0 L * *', '0 0 1W * *', '0 9 * * 5#2', '0 0 1,15 JAN,JUL *', '0 0 * * 7']) {
      expect(message(ok), ok).toBe('ok');
    }
  });

  it('explains a wrong value in words a finance user understands', () => {
    expect(message('0 25 * * *')).toBe("the hour field '25' must be between 0 and 23");
    expect(message('61 * * * *')).toBe("the minute field '61' must be between 0 and 59");
    expect(message('0 0 32 * *')).toBe("the day-of-month field '32' must be between 1 and 31");
    expect(message('0 0 * 13 *')).toBe("the month field '13' must be between 1 and 12");
    expect(message('0 0 * * 8')).toBe("the day-of-week field '8' must be between 0 and 6");
    expect(message('* * *')).toMatch(/has 5 fields .* '\* \* \*' has 3/);
    expect(message('*/0 * * * *')).toBe("the step in the minute field '*/0' must be at least 1");
    expect(message('0 17-9 * * *')).toMatch(/range '17-9' goes backwards/);
    expect(message('0 7 * * FUNDAY')).toMatch(/day-of-week field 'FUNDAY' is not a number or a name like MON/);
    expect(message('')).toBe('the cron expression is empty');
  });

  it('knows IANA zones', () => {
    expect(checkTimezone('Europe/Paris').ok).toBe(true);
    const wrong = checkTimezone('Europe/Parus');
    expect(wrong.ok ? '' : wrong.message).toMatch(/'Europe\/Parus' is not a known time zone/);
  });
});
