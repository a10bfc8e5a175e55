import { Hono } from 'hono';
import { z } from 'zod';
import { Approvals, type ApprovalResume } from '../approvals';
import { caller, param, type Env } from '../guard';
import { HttpError, notFound, readBody, readQuery } from '../http-errors';
import type { RouteDeps } from './deps';

export const listQuery = z.object({ status: z.enum(['pending', 'decided', 'all']).default('pending'), limit: z.coerce.number().int().min(1).max(500).default(200) }).strict();
export const decisionBody = z.object({ decision: z.enum(['approve', 'reject']), comment: z.string().max(5000).optional() }).strict();

/** The approver's inbox: pending and decided approvals, one approval, and decisions. */
export function approvalRoutes({ db, runtime, route, audit, now }: RouteDeps) {
  const app = new Hono<Env>();
  const at = '/api/approvals';
  // Stateless over the store: the same service any other process uses.
  const approvals = new Approvals({ db: db.kysely, audit, links: runtime.services.links });
  const resume = async (runId: string, stepId: string, value: ApprovalResume) => {
    const ok = await runtime.store.resumeStep(runId, stepId, value, now());
    runtime.worker.wake();
    return ok;
  };

  route(app, 'GET', '/', at, async (c) => {
    const query = readQuery(c, listQuery);
    const who = caller(c);
    return c.json({ items: await approvals.list(who, query.status, now(), query.limit) });
  });

  route(app, 'GET', '/:id', at, async (c) => {
    const found = await approvals.get(param(c, 'id'), caller(c), now());
    if (!found) throw notFound(`approval ${param(c, 'id')}`);
    return c.json(found);
  });

  route(app, 'POST', '/:id/decision', at, async (c) => {
    const body = await readBody(c, decisionBody);
    const result = await approvals.decide(param(c, 'id'), caller(c), body.decision, body.comment, now(), resume);
    if (!result) throw notFound(`approval ${param(c, 'id')}`);
    const { judgement, approval } = result;
    if (judgement.kind === 'refused') throw new HttpError(judgement.status, judgement.code, judgement.reason);
    // A repeat answers as the first time did, so a double click is harmless.
    return c.json({ ...approval, yourDecision: judgement.kind === 'repeat' ? judgement.decision : judgement.decisions.at(-1), repeated: judgement.kind === 'repeat' });
  });
  return app;
}
