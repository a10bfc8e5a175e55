import { expect } from 'vitest';
import { OdooError } from '../errors';

/** Awaits a promise that must reject with an OdooError, and returns that error. */
export async function expectOdooError(promise: Promise<unknown>): Promise<OdooError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(OdooError);
    if (error instanceof OdooError) return error;
  }
  throw new Error('expected the call to fail with an OdooError, but it succeeded');
}

/** Asserts the API key appears nowhere a run log or an API answer would show. */
export function expectNoSecret(error: OdooError, secret: string): void {
  const visible = JSON.stringify({ message: error.message, details: error.details, name: error.odooName, text: error.odooMessage, string: String(error) });
  expect(visible).not.toContain(secret);
}
