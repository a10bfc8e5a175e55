import { canonicalJson, flowHash, type FlowDocument } from '@ledgerflow/flow';
import type { Kysely } from 'kysely';
import type { Database } from './schema';

export interface FlowSummary {
  id: string;
  name: string;
  version: number;
  hash: string;
  updatedAt: number;
}

export interface FlowVersion {
  flowId: string;
  version: number;
  hash: string;
  document: FlowDocument;
  createdAt: number;
  createdBy: string | null;
}

/** Flows and their immutable, content-hashed versions. */
export class FlowRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async list(): Promise<FlowSummary[]> {
    const rows = await this.db
      .selectFrom('flows')
      .innerJoin('flow_versions', (j) => j.onRef('flow_versions.flow_id', '=', 'flows.id').onRef('flow_versions.version', '=', 'flows.current_version'))
      .select(['flows.id', 'flows.name', 'flows.current_version', 'flow_versions.hash', 'flows.updated_at'])
      .orderBy('flows.name')
      .execute();
    return rows.map((r) => ({ id: r.id, name: r.name, version: r.current_version, hash: r.hash, updatedAt: r.updated_at }));
  }

  async exists(id: string): Promise<boolean> {
    return (await this.db.selectFrom('flows').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
  }

  /** The current version, or a given one. */
  async get(id: string, version?: number): Promise<FlowVersion | undefined> {
    let v = version;
    if (v === undefined) {
      const flow = await this.db.selectFrom('flows').select('current_version').where('id', '=', id).executeTakeFirst();
      if (!flow) return undefined;
      v = flow.current_version;
    }
    const row = await this.db.selectFrom('flow_versions').selectAll().where('flow_id', '=', id).where('version', '=', v).executeTakeFirst();
    if (!row) return undefined;
    return { flowId: row.flow_id, version: row.version, hash: row.hash, document: JSON.parse(row.document), createdAt: row.created_at, createdBy: row.created_by };
  }

  async versions(id: string): Promise<Array<Omit<FlowVersion, 'document'>>> {
    const rows = await this.db.selectFrom('flow_versions').select(['flow_id', 'version', 'hash', 'created_at', 'created_by']).where('flow_id', '=', id).orderBy('version', 'desc').execute();
    return rows.map((r) => ({ flowId: r.flow_id, version: r.version, hash: r.hash, createdAt: r.created_at, createdBy: r.created_by }));
  }

  /**
   * Saves a document: a new version when its content changed, nothing when
   * it is the same as the current one.
   */
  async save(flow: FlowDocument, by: string | null, now: number): Promise<{ version: number; hash: string; changed: boolean }> {
    const hash = await flowHash(flow);
    return this.db.transaction().execute(async (tx) => {
      const current = await tx.selectFrom('flows').select('current_version').where('id', '=', flow.id).executeTakeFirst();
      if (current) {
        const last = await tx.selectFrom('flow_versions').select('hash').where('flow_id', '=', flow.id).where('version', '=', current.current_version).executeTakeFirst();
        if (last?.hash === hash) return { version: current.current_version, hash, changed: false };
      }
      const version = (current?.current_version ?? 0) + 1;
      await tx.insertInto('flow_versions').values({ flow_id: flow.id, version, hash, document: canonicalJson(flow), created_at: now, created_by: by }).execute();
      const maxConcurrency = flow.settings?.concurrency ?? null;
      if (current) {
        await tx.updateTable('flows').set({ name: flow.name, current_version: version, updated_at: now, max_concurrency: maxConcurrency }).where('id', '=', flow.id).execute();
      } else {
        await tx.insertInto('flows').values({ id: flow.id, name: flow.name, current_version: version, created_at: now, updated_at: now, max_concurrency: maxConcurrency }).execute();
      }
      return { version, hash, changed: true };
    });
  }
}
