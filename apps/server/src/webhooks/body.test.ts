import { describe, expect, it } from 'vitest';
import { HttpError } from '../http-errors';
import { parseHookBody } from './body';

const failure = (raw: string, type: string) => {
  try {
    parseHookBody(raw, type);
    return undefined;
  } catch (error) {
    return error instanceof HttpError ? { status: error.status, message: error.message } : undefined;
  }
};

describe('webhook bodies', () => {
  it('reads JSON, and an empty body as {}', () => {
    expect(parseHookBody('{"amount": 12.5}', 'application/json; charset=utf-8')).toEqual({ amount: 12.5 });
    expect(parseHookBody('', undefined)).toEqual({});
  });

  it('reads a form, a repeated key becoming a list', () => {
    expect(parseHookBody('employee=Ann+Lee&amount=12.50&tag=a&tag=b', 'application/x-www-form-urlencoded')).toEqual({ employee: 'Ann Lee', amount: '12.50', tag: ['a', 'b'] });
  });

  it('reads CSV with a header line into row objects (quotes, CRLF, semicolons)', () => {
    const csv = 'employee,amount,note\r\n"Lee, Ann",12.50,"said ""hi"""\r\nBob,3,\r\n';
    expect(parseHookBody(csv, 'text/csv')).toEqual([
      { employee: 'Lee, Ann', amount: '12.50', note: 'said "hi"' },
      { employee: 'Bob', amount: '3', note: '' },
    ]);
    expect(parseHookBody('a;b\n1;2\n', 'text/csv')).toEqual([{ a: '1', b: '2' }]);
  });

  it('refuses broken bodies with a 4xx that says what is wrong', () => {
    expect(failure('{nope', 'application/json')).toMatchObject({ status: 400, message: expect.stringMatching(/not valid JSON/) });
    expect(failure('a,b\n1,2,3\n', 'text/csv')).toMatchObject({ status: 400, message: 'CSV line 2 has 3 fields but the header has 2' });
    expect(failure('<x/>', 'application/xml')).toMatchObject({ status: 415 });
  });
});
