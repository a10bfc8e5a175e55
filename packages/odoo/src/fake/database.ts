import type { StoredRecord } from './model-types';

/** A copy of every table, to roll a failed call back like Odoo's per-call transaction. */
export interface DatabaseSnapshot {
  tables: Map<string, Map<number, StoredRecord>>;
  nextIds: Map<string, number>;
}

/** The fake's tables: one id-keyed map per model, ids allocated per model like PostgreSQL sequences. */
export class FakeDatabase {
  private tables = new Map<string, Map<number, StoredRecord>>();
  private nextIds = new Map<string, number>();

  private table(model: string): Map<number, StoredRecord> {
    let table = this.tables.get(model);
    if (table === undefined) {
      table = new Map();
      this.tables.set(model, table);
    }
    return table;
  }

  /** Inserts a row and returns its new id. */
  insert(model: string, values: Record<string, unknown>): number {
    const id = this.nextIds.get(model) ?? 1;
    this.nextIds.set(model, id + 1);
    this.table(model).set(id, { ...values, id });
    return id;
  }

  get(model: string, id: number): StoredRecord | undefined {
    return this.table(model).get(id);
  }

  has(model: string, id: number): boolean {
    return this.table(model).has(id);
  }

  /** Every row of a model, in id order. */
  all(model: string): StoredRecord[] {
    return [...this.table(model).values()].sort((a, b) => a.id - b.id);
  }

  update(model: string, id: number, values: Record<string, unknown>): void {
    const row = this.table(model).get(id);
    if (row !== undefined) this.table(model).set(id, { ...row, ...values, id });
  }

  delete(model: string, id: number): void {
    this.table(model).delete(id);
  }

  snapshot(): DatabaseSnapshot {
    return structuredClone({ tables: this.tables, nextIds: this.nextIds });
  }

  restore(snapshot: DatabaseSnapshot): void {
    const copy = structuredClone(snapshot);
    this.tables = copy.tables;
    this.nextIds = copy.nextIds;
  }

  /** Runs `work` as one transaction: any exception restores the tables as they were. */
  transaction<T>(work: () => T): T {
    const before = this.snapshot();
    try {
      return work();
    } catch (error) {
      this.restore(before);
      throw error;
    }
  }
}
