import { describeDiff, diffFlows, validateFlow } from '@ledgerflow/flow';
import { specs } from '@ledgerflow/nodes';
import { Publishing } from '@ledgerflow/store';
import { Hono } from 'hono';
import { z } from 'zod';
import { callerName, param, type Env } from '../guard';
import { HttpError, notFound, readBody } from '../http-errors';
import type { RouteDeps } from './deps';

export const publishRequest = z.object({ version: z.number().int().min(1).optional(), comment: z.string().max(2000).optional() }).strict();
export const decisionRequest = z.object({ decision: z.enum(['approve', 'reject']), comment: z.string().max(2000).optional() }).strict();
export const ownerRequest = z.object({ owner: z.string().min(1).max(100).nullable() }).strict();

/**
 * Reviewed publishing: runs use a flow's published version. When review is
 * required (the flow's `settings.review`, or LEDGERFLOW_REQUIRE_REVIEW=1),
 * publishing opens a review that another designer — never the author —
 * approves or rejects, seeing the diff against what is published.
 */
export function publishingRoutes({ db, runtime, route, audit, now }: RouteDeps, requireReview: boolean) {
  const app = new Hono<Env>();
  const publishing = new Publishing(db.kysely);

  const withDiff = async (flowId: string, version: number) => {
    const state = await publishing.state(flowId);
    const target = await runtime.flows.get(flowId, version);
    const published = state?.publishedVersion ? await runtime.flows.get(flowId, state.publishedVersion) : undefined;
    const diff = target && published ? diffFlows(published.document, target.document) : undefined;
    return { publishedVersion: state?.publishedVersion ?? null, diff: diff ?? null, summary: diff ? describeDiff(diff) : ['first publication'] };
  };

  route(app, 'POST', '/flows/:id/publish', '/api', async (c) => {
    const flowId = param(c, 'id');
    const body = await readBody(c, publishRequest);
    const state = await publishing.state(flowId);
    if (!state) throw notFound(`flow ${flowId}`);
    const version = body.version ?? state.currentVersion;
    const flow = await runtime.flows.get(flowId, version);
    if (!flow) throw notFound(`version ${version} of flow ${flowId}`);
    const { issues } = validateFlow(flow.document, specs);
    if (issues.length > 0) throw new HttpError(409, 'flow_invalid', `version ${version} has ${issues.length} problem(s) and cannot be published; it stays a draft`, issues.map((i) => ({ ...i, path: `document.${i.path}` })));
    if (requireReview || flow.document.settings?.review === true) {
      const id = crypto.randomUUID();
      await publishing.submit({ id, flowId, version, submittedBy: callerName(c), submittedAt: now(), comment: body.comment ?? null });
      await audit('flow.review_submit', callerName(c), `flow:${flowId}`, { review: id, version });
      return c.json({ review: await publishing.review(id), ...(await withDiff(flowId, version)) }, 202);
    }
    await publishing.publish(flowId, version);
    await audit('flow.publish', callerName(c), `flow:${flowId}`, { version, from: state.publishedVersion });
    return c.json({ flowId, publishedVersion: version });
  });

  route(app, 'GET', '/flows/:id/reviews', '/api', async (c) => {
    const flowId = param(c, 'id');
    if (!(await publishing.state(flowId))) throw notFound(`flow ${flowId}`);
    const reviews = await publishing.reviews(flowId);
    return c.json({ items: await Promise.all(reviews.map(async (r) => ({ ...r, ...(r.status === 'pending' ? await withDiff(flowId, r.version) : {}) }))) });
  });

  route(app, 'POST', '/reviews/:id/decision', '/api', async (c) => {
    const body = await readBody(c, decisionRequest);
    const review = await publishing.review(param(c, 'id'));
    if (!review) throw notFound(`review ${param(c, 'id')}`);
    if (review.submittedBy === callerName(c)) throw new HttpError(403, 'own_change', 'you submitted this change: another designer must review it');
    if (review.status !== 'pending') throw new HttpError(409, 'conflict', `this review is already ${review.status}`);
    const decision = body.decision === 'approve' ? 'approved' : 'rejected';
    if (!(await publishing.decide(review.id, decision, callerName(c), body.comment ?? null, now()))) throw new HttpError(409, 'conflict', 'this review was decided meanwhile');
    await audit(`flow.review_${decision}`, callerName(c), `flow:${review.flowId}`, { review: review.id, version: review.version, comment: body.comment ?? null });
    if (decision === 'approved') {
      await publishing.publish(review.flowId, review.version);
      await audit('flow.publish', callerName(c), `flow:${review.flowId}`, { version: review.version, review: review.id });
    }
    return c.json(await publishing.review(review.id));
  });

  route(app, 'PUT', '/flows/:id/owner', '/api', async (c) => {
    const flowId = param(c, 'id');
    const body = await readBody(c, ownerRequest);
    if (!(await publishing.state(flowId))) throw notFound(`flow ${flowId}`);
    await publishing.setOwner(flowId, body.owner);
    await audit('flow.owner', callerName(c), `flow:${flowId}`, { owner: body.owner });
    return c.json({ flowId, owner: body.owner });
  });
  return app;
}
