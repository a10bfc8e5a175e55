import { migrate, openDatabase } from '@ledgerflow/store';
import { AuditLog } from './audit';
import type { Settings } from './config';

/** `ledgerflow audit verify`: 0 when the chain is whole, 1 naming the first broken entry. */
export async function verifyAuditCommand(settings: Settings, print: (line: string) => void): Promise<number> {
  const db = openDatabase({ databaseUrl: settings.databaseUrl, dataDir: settings.dataDir });
  try {
    await migrate(db);
    const result = await new AuditLog(db.kysely).verify();
    if (result.ok) {
      print(`audit log intact: ${result.entries} entries`);
      return 0;
    }
    print(`audit log BROKEN at entry ${result.seq}: ${result.problem}`);
    return 1;
  } finally {
    await db.close();
  }
}
