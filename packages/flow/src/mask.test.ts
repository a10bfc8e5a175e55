import { describe, expect, it } from 'vitest';
import { MASK, maskValue } from './mask';

describe('maskValue', () => {
  it('masks an exact dot path and nothing else of that name', () => {
    const value = { employee: { iban_ref: 'x', name: 'Marc', note: 'keep' }, other: { note: 'keep' } };
    expect(maskValue(value, ['employee.note'])).toEqual({ employee: { iban_ref: 'x', name: 'Marc', note: MASK }, other: { note: 'keep' } });
  });

  it('masks a `**.name` rule at any depth, inside arrays too', () => {
    const value = { bank_account_holder: 'A', lines: [{ vendor: { salary: 10 } }, { salary: 20 }], salary: 30 };
    expect(maskValue(value, ['**.salary'])).toEqual({ bank_account_holder: 'A', lines: [{ vendor: { salary: MASK } }, { salary: MASK }], salary: MASK });
  });

  it('masks the default sensitive names without any rule, in any letter case', () => {
    const value = { IBAN: 'BE71', apiKey: 'k', api_key: 'k', Password: 'p', token: 't', client_secret: 's', bank_account: 'b', acc_number: 'n', card_number: 'c', amount: 5 };
    const masked = maskValue(value);
    expect(masked).toEqual({ IBAN: MASK, apiKey: MASK, api_key: MASK, Password: MASK, token: MASK, client_secret: MASK, bank_account: MASK, acc_number: MASK, card_number: MASK, amount: 5 });
  });

  it('masks a whole object or list under a sensitive name, keeps null and missing values as they are', () => {
    expect(maskValue({ secret: { a: 1 }, password: null, employee: { iban: ['x'] } }, [])).toEqual({ secret: MASK, password: null, employee: { iban: MASK } });
  });

  it('leaves scalars and the input itself untouched', () => {
    const value = { employee: { iban: 'BE71' } };
    expect(maskValue('iban', ['iban'])).toBe('iban');
    expect(maskValue(42)).toBe(42);
    maskValue(value, ['employee.iban']);
    expect(value.employee.iban).toBe('BE71');
  });

  it('a path rule does not match a longer or shorter path', () => {
    expect(maskValue({ employee: { bank: { code: 1 } }, code: 2 }, ['employee.code', 'bank.code'])).toEqual({ employee: { bank: { code: 1 } }, code: 2 });
  });
});
