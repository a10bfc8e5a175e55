import { describe, expect, it } from 'vitest';
import { isRetryableHttpStatus, isRetryableOdooException, parseRetryAfter } from './error-classification';
import { OdooError } from './errors';
import { fromHttpAnswer, fromNetworkFailure, redact } from './odoo-error-from';

const scope = { model: 'account.move', method: 'create', secret: 'secret-key-0123456789' };

describe('error classification (reference §7)', () => {
  it.each([
    ['psycopg2.errors.SerializationFailure', 'could not serialize access due to concurrent update', true],
    ['psycopg2.errors.LockNotAvailable', 'could not obtain lock', true],
    ['psycopg2.errors.DeadlockDetected', 'deadlock detected', true],
    ['psycopg2.OperationalError', 'server closed the connection unexpectedly', true],
    ['psycopg2.OperationalError', 'FATAL:  database "x" does not exist', false],
    ['odoo.exceptions.LockError', 'locked', true],
    ['odoo.exceptions.ConcurrencyError', 'concurrent', true],
    ['odoo.exceptions.AccessDenied', 'Access Denied', false],
    ['odoo.exceptions.AccessError', 'no', false],
    ['odoo.exceptions.ValidationError', 'no', false],
    ['odoo.exceptions.UserError', 'no', false],
    ['odoo.exceptions.MissingError', 'no', false],
    ['odoo.exceptions.RedirectWarning', 'no', false],
    ['builtins.ValueError', 'no', false],
    ['builtins.AttributeError', 'no', false],
    ['builtins.KeyError', 'no', false],
    ['builtins.TypeError', 'no', false],
  ])('%s (%s) → retryable %s', (name, message, expected) => {
    expect(isRetryableOdooException(name, message)).toBe(expected);
  });

  it.each([[429, true], [502, true], [503, true], [504, true], [500, true], [400, false], [401, false], [403, false], [404, false], [422, false]])(
    'HTTP %i → retryable %s',
    (status, expected) => expect(isRetryableHttpStatus(status)).toBe(expected),
  );

  it('maps JSON-2 bodies by status and name', () => {
    const answer = (status: number, name: string) => ({ status, headers: new Headers(), text: JSON.stringify({ name, message: 'm' }) });
    expect(fromHttpAnswer(answer(401, 'werkzeug.exceptions.Unauthorized'), scope)).toMatchObject({ retryable: false, httpStatus: 401 });
    expect(fromHttpAnswer(answer(409, 'odoo.exceptions.LockError'), scope)).toMatchObject({ retryable: true });
    expect(fromHttpAnswer(answer(500, 'psycopg2.errors.SerializationFailure'), scope)).toMatchObject({ retryable: true });
    expect(fromHttpAnswer(answer(500, 'builtins.ValueError'), scope)).toMatchObject({ retryable: false });
    expect(fromHttpAnswer({ status: 500, headers: new Headers(), text: '<html>oops</html>' }, scope)).toMatchObject({ retryable: true, odooName: 'ledgerflow.HttpError' });
  });

  it('parses Retry-After as seconds or as an HTTP date', () => {
    expect(parseRetryAfter('5')).toBe(5000);
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:30 GMT', Date.parse('Wed, 21 Oct 2015 07:28:00 GMT'))).toBe(30_000);
    expect(parseRetryAfter(null)).toBeUndefined();
    expect(parseRetryAfter('soon')).toBeUndefined();
  });

  it('treats timeouts and socket errors as retryable', () => {
    const timeout = fromNetworkFailure(new DOMException('The operation was aborted due to timeout', 'TimeoutError'), scope, 1000);
    expect(timeout).toMatchObject({ retryable: true, odooName: 'ledgerflow.Timeout', message: 'Odoo did not answer account.move.create within 1000 ms' });
    const reset = fromNetworkFailure(new TypeError('fetch failed', { cause: Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }) }), scope, 1000);
    expect(reset).toMatchObject({ retryable: true, odooName: 'ledgerflow.NetworkError' });
    expect(reset.message).toContain('ECONNRESET');
  });

  it('builds the message and details run logs show', () => {
    const error = new OdooError({ odooName: 'odoo.exceptions.UserError', odooMessage: 'You need to add a line before posting.', model: 'account.move', method: 'action_post', retryable: false });
    expect(error.message).toBe('Odoo refused account.move.action_post: You need to add a line before posting.');
    expect(error.code).toBe('odoo_error');
    expect(error.details).toEqual({ odooName: 'odoo.exceptions.UserError', odooMessage: 'You need to add a line before posting.', model: 'account.move', method: 'action_post' });
    expect(error.name).toBe('OdooError');
  });

  it('redacts the secret', () => {
    expect(redact('key=secret-key-0123456789!', scope.secret)).toBe('key=[redacted]!');
  });
});
