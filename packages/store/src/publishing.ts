import type { Kysely } from 'kysely';
import type { Database } from './schema';

export interface FlowReview {
  id: string;
  flowId: string;
  version: number;
  status: 'pending' | 'approved' | 'rejected' | 'superseded';
  submittedBy: string;
  submittedAt: number;
  comment: string | null;
  decidedBy: string | null;
  decidedAt: number | null;
  decisionComment: string | null;
}

/** Which version of a flow runs, who owns it, and the reviews that publish a change. */
export class Publishing {
  constructor(private readonly db: Kysely<Database>) {}

  async state(flowId: string): Promise<{ publishedVersion: number | null; owner: string | null; currentVersion: number } | undefined> {
    const row = await this.db.selectFrom('flows').select(['published_version', 'owner', 'current_version']).where('id', '=', flowId).executeTakeFirst();
    return row ? { publishedVersion: row.published_version, owner: row.owner, currentVersion: row.current_version } : undefined;
  }

  async publish(flowId: string, version: number): Promise<void> {
    await this.db.updateTable('flows').set({ published_version: version }).where('id', '=', flowId).execute();
  }

  async setOwner(flowId: string, owner: string | null): Promise<void> {
    await this.db.updateTable('flows').set({ owner }).where('id', '=', flowId).execute();
  }

  /** Opens a review; an older pending review of the same flow is superseded. */
  async submit(review: Pick<FlowReview, 'id' | 'flowId' | 'version' | 'submittedBy' | 'submittedAt' | 'comment'>): Promise<void> {
    await this.db.transaction().execute(async (tx) => {
      await tx.updateTable('flow_reviews').set({ status: 'superseded' }).where('flow_id', '=', review.flowId).where('status', '=', 'pending').execute();
      await tx
        .insertInto('flow_reviews')
        .values({ id: review.id, flow_id: review.flowId, version: review.version, status: 'pending', submitted_by: review.submittedBy, submitted_at: review.submittedAt, comment: review.comment, decided_by: null, decided_at: null, decision_comment: null })
        .execute();
    });
  }

  async review(id: string): Promise<FlowReview | undefined> {
    const row = await this.db.selectFrom('flow_reviews').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? fromRow(row) : undefined;
  }

  async reviews(flowId: string): Promise<FlowReview[]> {
    const rows = await this.db.selectFrom('flow_reviews').selectAll().where('flow_id', '=', flowId).orderBy('submitted_at', 'desc').execute();
    return rows.map(fromRow);
  }

  /** Records a decision once; false when the review was no longer pending. */
  async decide(id: string, decision: 'approved' | 'rejected', by: string, comment: string | null, at: number): Promise<boolean> {
    const result = await this.db
      .updateTable('flow_reviews')
      .set({ status: decision, decided_by: by, decided_at: at, decision_comment: comment })
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }
}

function fromRow(row: Database['flow_reviews']): FlowReview {
  const status = row.status === 'approved' || row.status === 'rejected' || row.status === 'superseded' ? row.status : 'pending';
  return { id: row.id, flowId: row.flow_id, version: row.version, status, submittedBy: row.submitted_by, submittedAt: row.submitted_at, comment: row.comment, decidedBy: row.decided_by, decidedAt: row.decided_at, decisionComment: row.decision_comment };
}
