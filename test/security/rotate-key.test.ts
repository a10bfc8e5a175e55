/** `ledgerflow rotate-key` re-encrypts every connection secret; the server works with the new key after a restart. */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeOdoo, type FakeOdoo } from '@ledgerflow/odoo';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../apps/server/src/cli';
import { loadSettings } from '../../apps/server/src/config';
import { SecretBox } from '../../apps/server/src/secrets';
import { startServer } from '../../apps/server/src/server';

const apiKey = 'rotate-me-api-key-123';
let odoo: FakeOdoo;
let dataDir: string;

async function withServer<T>(use: (request: (path: string, body?: unknown) => Promise<{ status: number; body: any }>) => Promise<T>): Promise<T> {
  const server = await startServer(loadSettings({ LEDGERFLOW_ADMIN_PASSWORD: 'rotate-admin-password', LOG_LEVEL: 'silent', LEDGERFLOW_SANDBOX: '0' }, { port: 0, dataDir }), () => undefined);
  try {
    const login = await (await server.app.request('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'rotate-admin-password' }) })).json();
    return await use(async (path, body) => {
      const response = await server.app.request(path, { method: body === undefined ? 'GET' : 'POST', headers: { authorization: `Bearer ${login.token}`, 'content-type': 'application/json' }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
      return { status: response.status, body: await response.json() };
    });
  } finally {
    await server.close();
  }
}

async function sealedSecret(): Promise<string> {
  const { openDatabase } = await import('@ledgerflow/store');
  const db = openDatabase({ dataDir });
  try {
    return (await db.kysely.selectFrom('connections').select('secret').where('name', '=', 'books').executeTakeFirstOrThrow()).secret;
  } finally {
    await db.close();
  }
}

async function cli(...args: string[]): Promise<{ code: number; output: string }> {
  const lines: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((line: unknown) => void lines.push(String(line)));
  const error = vi.spyOn(console, 'error').mockImplementation((line: unknown) => void lines.push(String(line)));
  try {
    return { code: await main(args), output: lines.join('\n') };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}

beforeAll(async () => {
  odoo = await startFakeOdoo({ port: 0, version: 17, apiKey });
  dataDir = mkdtempSync(join(tmpdir(), 'lf-rotate-'));
  await withServer(async (request) => {
    expect((await request('/api/connections', { name: 'books', type: 'odoo', url: odoo.url, database: odoo.database, login: odoo.login, apiKey, protocol: 'jsonrpc' })).status).toBeLessThan(300);
    expect((await request('/api/connections/books/test', {})).body.ok).toBe(true);
  });
}, 60_000);
afterAll(async () => odoo?.close());

describe('rotate-key', () => {
  it('re-encrypts with a new passphrase and installs it in the key file', async () => {
    const oldKey = SecretBox.fromKeyFile(join(dataDir, 'secret.key'));
    const before = await sealedSecret();
    const result = await cli('rotate-key', '--new-key', 'a new passphrase for secrets', '--data-dir', dataDir);
    expect(result.output).toContain('re-encrypted the secrets of 1 connection(s)');
    expect(result.code).toBe(0);
    const after = await sealedSecret();
    expect(after).not.toBe(before);
    expect(() => oldKey.open(after)).toThrow();
    expect(JSON.parse(SecretBox.fromPassphrase('a new passphrase for secrets').open(after))).toEqual({ apiKey });
    expect(statSync(join(dataDir, 'secret.key')).mode & 0o777).toBe(0o600);
    await withServer(async (request) => expect((await request('/api/connections/books/test', {})).body.ok).toBe(true));
  }, 30_000);

  it('re-encrypts with a key file, and refuses a file that is not a key without changing anything', async () => {
    const keyFile = join(mkdtempSync(join(tmpdir(), 'lf-key-')), 'new.key');
    writeFileSync(keyFile, randomBytes(32).toString('base64'), { mode: 0o600 });
    expect((await cli('rotate-key', '--new-key-file', keyFile, '--data-dir', dataDir)).code).toBe(0);
    expect(readFileSync(join(dataDir, 'secret.key'), 'utf8')).toBe(readFileSync(keyFile, 'utf8'));
    expect(JSON.parse(SecretBox.fromKeyFile(keyFile).open(await sealedSecret()))).toEqual({ apiKey });

    const before = await sealedSecret();
    writeFileSync(keyFile, 'too short');
    const refused = await cli('rotate-key', '--new-key-file', keyFile, '--data-dir', dataDir);
    expect(refused.code).toBe(2);
    expect(refused.output).toMatch(/does not hold a key/);
    expect(await sealedSecret()).toBe(before);
    expect((await cli('rotate-key', '--data-dir', dataDir)).code).toBe(2);
    await withServer(async (request) => expect((await request('/api/connections/books/test', {})).body.ok).toBe(true));
  }, 30_000);
});
