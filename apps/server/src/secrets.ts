import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Where the generated key lives when LEDGERFLOW_SECRET_KEY is not set. */
export function keyFilePath(dataDir: string): string {
  return join(dataDir, 'secret.key');
}

/** AES-256-GCM for connection secrets at rest. */
export class SecretBox {
  constructor(private readonly key: Buffer) {
    if (key.length !== 32) throw new Error('a secret key must be 32 bytes');
  }

  /** The key from LEDGERFLOW_SECRET_KEY, else a key file created with mode 0600 on first start. */
  static load(secretKey: string | undefined, dataDir: string): SecretBox {
    if (secretKey) return SecretBox.fromPassphrase(secretKey);
    mkdirSync(dataDir, { recursive: true });
    const file = keyFilePath(dataDir);
    if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('base64'), { mode: 0o600 });
    return SecretBox.fromKeyFile(file);
  }

  /** A key derived from a passphrase, as LEDGERFLOW_SECRET_KEY is used. */
  static fromPassphrase(passphrase: string): SecretBox {
    return new SecretBox(createHash('sha256').update(passphrase).digest());
  }

  /** A key file holds 32 random bytes in base64 (`openssl rand -base64 32`). */
  static fromKeyFile(file: string): SecretBox {
    const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
    if (key.length !== 32) throw new Error(`${file} does not hold a key: expected 32 bytes in base64 (openssl rand -base64 32)`);
    return new SecretBox(key);
  }

  /** The key in key-file form, for `rotate-key` to install. */
  keyFileText(): string {
    return this.key.toString('base64');
  }

  seal(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return ['v1', iv.toString('base64'), cipher.getAuthTag().toString('base64'), data.toString('base64')].join(':');
  }

  open(sealed: string): string {
    const [version, iv, tag, data] = sealed.split(':');
    if (version !== 'v1' || !iv || !tag || !data) throw new Error('unknown secret format');
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64'));
    decipher.setAuthTag(Buffer.from(tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(data, 'base64')), decipher.final()]).toString('utf8');
  }
}
