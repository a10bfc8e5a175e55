import { chmodSync, existsSync, renameSync, writeFileSync } from 'node:fs';
import { migrate, openDatabase } from '@ledgerflow/store';
import type { Settings } from './config';
import { keyFilePath, SecretBox } from './secrets';

/**
 * `ledgerflow rotate-key`: re-encrypts every connection secret under a new
 * key in one transaction, then installs the new key in the data directory's
 * key file. Run it with the server stopped: a running server keeps the old key.
 */
export async function rotateKey(settings: Settings, next: { passphrase?: string; file?: string }, print: (line: string) => void): Promise<number> {
  const newBox = next.passphrase !== undefined ? SecretBox.fromPassphrase(next.passphrase) : next.file !== undefined ? SecretBox.fromKeyFile(next.file) : undefined;
  if (!newBox) throw new Error('name the new key: --new-key-file <file> or --new-key <key>');
  const keyFile = keyFilePath(settings.dataDir);
  if (!settings.secretKey && !existsSync(keyFile)) {
    print(`there is no key to rotate: LEDGERFLOW_SECRET_KEY is not set and ${keyFile} does not exist`);
    return 1;
  }
  const oldBox = SecretBox.load(settings.secretKey, settings.dataDir);
  // Written before the commit so a crash in between leaves the new key on disk, next to the old one.
  const staged = `${keyFile}.new`;
  writeFileSync(staged, newBox.keyFileText(), { mode: 0o600 });
  const db = openDatabase({ databaseUrl: settings.databaseUrl, dataDir: settings.dataDir });
  let count = 0;
  try {
    await migrate(db);
    await db.kysely.transaction().execute(async (tx) => {
      const rows = await tx.selectFrom('connections').select(['name', 'secret']).execute();
      for (const row of rows) {
        let plain: string;
        try {
          plain = oldBox.open(row.secret);
        } catch {
          throw new Error(`the secret of connection "${row.name}" does not open with the current key; nothing was changed`);
        }
        await tx.updateTable('connections').set({ secret: newBox.seal(plain) }).where('name', '=', row.name).execute();
        count += 1;
      }
    });
  } finally {
    await db.close();
  }
  renameSync(staged, keyFile);
  chmodSync(keyFile, 0o600);
  print(`re-encrypted the secrets of ${count} connection(s); the new key is in ${keyFile}`);
  if (settings.secretKey) {
    print(next.passphrase !== undefined ? 'LEDGERFLOW_SECRET_KEY is set: set it to the new key before you start the server again' : `LEDGERFLOW_SECRET_KEY is set: unset it before you start the server again, so ${keyFile} is used`);
  }
  return 0;
}
