import { Cron } from 'croner';

/** What a problem with a schedule says, in words a finance user can act on. */
export type Check = { ok: true } | { ok: false; message: string };

interface Field {
  name: string;
  min: number;
  max: number;
  names?: readonly string[];
  /** Extra tokens this field allows (L, W, #, ?). */
  special?: RegExp;
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'] as const;
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'] as const;

const SECOND: Field = { name: 'second', min: 0, max: 59 };
const FIVE_FIELDS: readonly Field[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day-of-month', min: 1, max: 31, special: /^(\?|L|L-\d{1,2}|\d{1,2}W|LW)$/i },
  { name: 'month', min: 1, max: 12, names: MONTHS },
  // 7 is Sunday too, as in most crons.
  { name: 'day-of-week', min: 0, max: 7, names: DAYS, special: /^(\?|[0-7]L|[0-7]#[1-5]|(SUN|MON|TUE|WED|THU|FRI|SAT)(L|#[1-5]))$/i },
];

/**
 * Checks a 5-field (minute first) or 6-field (second first) cron expression
 * and explains the first problem, e.g. "the hour field '25' must be between 0 and 23".
 */
export function checkCron(expression: string): Check {
  const parts = expression.trim().split(/\s+/).filter((p) => p !== '');
  if (parts.length === 0) return { ok: false, message: 'the cron expression is empty' };
  if (parts.length !== 5 && parts.length !== 6) {
    return {
      ok: false,
      message: `a cron expression has 5 fields (minute hour day-of-month month day-of-week) or 6 with seconds first; '${expression.trim()}' has ${parts.length}`,
    };
  }
  const fields = parts.length === 6 ? [SECOND, ...FIVE_FIELDS] : FIVE_FIELDS;
  for (let i = 0; i < parts.length; i += 1) {
    const problem = checkField(fields[i] ?? SECOND, parts[i] ?? '');
    if (problem) return { ok: false, message: problem };
  }
  try {
    // Our checks are friendlier; croner is the final word on what it can run.
    new Cron(parts.join(' '), { paused: true });
  } catch (error) {
    return { ok: false, message: `the cron expression is not valid: ${String(error instanceof Error ? error.message : error).replace(/^CronPattern:\s*/, '')}` };
  }
  return { ok: true };
}

function checkField(field: Field, text: string): string | undefined {
  for (const item of text.split(',')) {
    if (item === '') return `the ${field.name} field '${text}' has an empty item between commas`;
    if (field.special?.test(item)) continue;
    const [range = '', step, extra] = item.split('/');
    if (extra !== undefined) return `the ${field.name} field '${item}' has more than one '/'`;
    if (step !== undefined && !/^\d+$/.test(step)) return `the step '${step}' in the ${field.name} field must be a whole number, as in '*/5'`;
    if (step !== undefined && Number(step) === 0) return `the step in the ${field.name} field '${item}' must be at least 1`;
    if (range === '*' || (range === '?' && field.special)) continue;
    const bounds = range.split('-');
    if (bounds.length > 2) return `the ${field.name} field '${item}' is not a value or a range like '1-5'`;
    const values: number[] = [];
    for (const bound of bounds) {
      const value = valueOf(field, bound);
      if (value === undefined) return `the ${field.name} field '${bound === '' ? item : bound}' is not a number${field.names ? ` or a name like ${field.names[1]}` : ''}`;
      if (value < field.min || value > field.max) return `the ${field.name} field '${bound}' must be between ${field.min} and ${field.max === 7 ? 6 : field.max}`;
      values.push(value);
    }
    const [low = 0, high = low] = values;
    if (high < low) return `the ${field.name} range '${range}' goes backwards; write the smaller value first`;
  }
  return undefined;
}

function valueOf(field: Field, token: string): number | undefined {
  if (/^\d+$/.test(token)) return Number(token);
  const upper = token.toUpperCase();
  const index = field.names ? field.names.findIndex((name) => name === upper) : -1;
  if (index < 0) return undefined;
  return field.names === MONTHS ? index + 1 : index;
}

/** Whether `zone` is an IANA time zone this runtime knows. */
export function checkTimezone(zone: string): Check {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone }).format(0);
    return { ok: true };
  } catch {
    return { ok: false, message: `'${zone}' is not a known time zone; use an IANA name such as Europe/Paris or America/New_York` };
  }
}
