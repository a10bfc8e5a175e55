import { flowDocumentSchema } from '@ledgerflow/flow';
import type { z } from 'zod';
import { connectionInput } from '../connections';
import { decisionBody as approvalDecision, listQuery as approvalsQuery } from '../routes/approvals';
import { changePassword, login, newToken_, newUser, userChange } from '../routes/auth';
import { listQuery as failuresQuery, replayRequest as bulkReplayRequest } from '../routes/failures';
import { runRequest } from '../routes/flows';
import { dashboardQuery, eventsQuery } from '../routes/ops';
import { decisionRequest as reviewDecision, ownerRequest, publishRequest } from '../routes/publishing';
import { listQuery as runsQuery, replayRequest, totalsQuery } from '../routes/runs';
import { auditQuery } from '../routes/system';
import { previewRequest, scheduleChange } from '../scheduler/schedule-input';

/** What the API reference says about one route, beyond its method, path and roles. */
export interface RouteDoc {
  summary: string;
  /** The zod schema the handler parses the JSON body with. */
  body?: z.ZodType;
  /** The zod schema the handler parses the query string with. */
  query?: z.ZodType;
  /** The success status when it is not 200. */
  status?: number;
  /** Heading on the reference page; by default the first path segment after /api. */
  area?: string;
  /** What the success answer carries, in a few words. */
  returns?: string;
}

/**
 * The registry the OpenAPI document reads, keyed like ROUTE_ACCESS
 * (`METHOD /path/:param`). The schemas are the very ones the routes parse
 * with, so the reference cannot drift from what is validated.
 */
export const ROUTE_DOCS: Readonly<Record<string, RouteDoc>> = {
  'GET /healthz': { summary: 'Liveness: 200 when the store answers, 503 otherwise', area: 'system', returns: '{ status }' },
  'GET /readyz': { summary: 'Readiness: 200 once the server has started, 503 while starting', area: 'system', returns: '{ status }' },
  'GET /metrics': { summary: 'Prometheus metrics (text exposition format)', area: 'system' },
  'GET /api/openapi.json': { summary: 'This API description (OpenAPI 3.1), generated from the routes and their zod schemas', area: 'system' },
  'GET /api/reference': { summary: 'The readable API reference (HTML)', area: 'system' },
  'GET /api/node-types': { summary: 'Node types with their config JSON Schema and ports, for the editor', area: 'system', returns: '{ items: [{ type, version, title, description, icon, inputs, configSchema }] }' },
  'GET /api/audit': { summary: 'The append-only audit log, newest first', query: auditQuery, area: 'system', returns: '{ items }' },
  'GET /api/events': { summary: 'Live run changes as server-sent events (event `ready`, then one event per change)', query: eventsQuery, area: 'runs' },
  'GET /api/dashboard': { summary: 'Operations dashboard aggregates per day and flow', query: dashboardQuery, area: 'runs' },

  'POST /api/auth/login': { summary: 'Log in: returns a bearer token and sets the session cookies (lf_session, lf_csrf)', body: login, area: 'auth', returns: '{ token, user }' },
  'POST /api/auth/logout': { summary: 'Ends the session or revokes the session token', area: 'auth' },
  'GET /api/auth/me': { summary: 'Who is calling, with their roles', area: 'auth', returns: '{ user: { username, roles, kind } }' },
  'POST /api/auth/password': { summary: 'Change your own password', body: changePassword, area: 'auth' },
  'GET /api/users': { summary: 'List users', area: 'users and tokens', returns: '{ items }' },
  'POST /api/users': { summary: 'Create a user with roles', body: newUser, status: 201, area: 'users and tokens' },
  'PUT /api/users/:username': { summary: 'Change a user’s roles or disable them (409 for the last enabled admin)', body: userChange, area: 'users and tokens' },
  'GET /api/tokens': { summary: 'List API tokens (never their secret)', area: 'users and tokens', returns: '{ items }' },
  'POST /api/tokens': { summary: 'Create a machine API token; the token is shown once', body: newToken_, status: 201, area: 'users and tokens', returns: '{ id, name, roles, token }' },
  'DELETE /api/tokens/:id': { summary: 'Revoke an API token', area: 'users and tokens' },

  'GET /api/flows': { summary: 'List flows with their latest version', returns: '{ items }' },
  'POST /api/flows': { summary: 'Create a flow; a document with problems is saved as a draft (issues listed)', body: flowDocumentSchema, status: 201, returns: '{ id, version, hash, changed, valid, issues }' },
  'POST /api/flows/validate': { summary: 'Check a flow document without saving it', body: flowDocumentSchema, returns: '{ ok, issues }' },
  'GET /api/flows/:id': { summary: 'The latest version of a flow, its problems, published version and owner' },
  'PUT /api/flows/:id': { summary: 'Save a new version (nothing new when the content is unchanged)', body: flowDocumentSchema, returns: '{ id, version, hash, changed, valid, issues }' },
  'GET /api/flows/:id/versions': { summary: 'Every saved version of a flow', returns: '{ items }' },
  'GET /api/flows/:id/versions/:version': { summary: 'One saved version with its document' },
  'POST /api/flows/:id/runs': { summary: 'Start a run with an input (default: the published version)', body: runRequest, status: 202, returns: '{ id, status, flowVersion }' },
  'POST /api/flows/:id/dry-run': { summary: 'Test a flow on an input: Odoo reads are real; Odoo writes, e-mails and webhooks are held back and shown, nothing is stored', body: runRequest },
  'POST /api/flows/:id/publish': { summary: 'Publish a valid version, or open a review when review is required (202)', body: publishRequest, area: 'publishing' },
  'GET /api/flows/:id/reviews': { summary: 'Reviews of a flow, with the diff for pending ones', area: 'publishing', returns: '{ items }' },
  'POST /api/reviews/:id/decision': { summary: 'Approve or reject another designer’s publication', body: reviewDecision, area: 'publishing' },
  'PUT /api/flows/:id/owner': { summary: 'Set or clear the flow’s owner', body: ownerRequest, area: 'publishing' },

  'GET /api/runs': { summary: 'Run history, newest first, keyset-paged (`nextCursor`)', query: runsQuery, returns: '{ items, nextCursor }' },
  'GET /api/runs/totals': { summary: 'Counts and amounts over runs matching a filter', query: totalsQuery },
  'GET /api/runs/:id': { summary: 'A run with its steps, attempts, totals and replays' },
  'POST /api/runs/:id/replay': { summary: 'Replay a run as a new linked run: whole, from a node, with edited input', body: replayRequest, status: 202, returns: '{ id, status, replayOf, replayFrom, flowVersion }' },
  'POST /api/runs/:id/cancel': { summary: 'Cancel a queued, running or waiting run (409 otherwise)', returns: '{ id, status }' },
  'GET /api/failures': { summary: 'The failed-run queue: open failures grouped by flow and cause', query: failuresQuery, returns: '{ items, total }' },
  'POST /api/failures/replay': { summary: 'Bulk-replay failed runs by flow, cause signature or ids', body: bulkReplayRequest, status: 202, returns: '{ id, total }' },
  'GET /api/failures/jobs/:id': { summary: 'Progress of a bulk replay' },

  'GET /api/connections': { summary: 'Connections (never their secrets), with circuit-breaker state', returns: '{ items }' },
  'POST /api/connections': { summary: 'Create or replace a connection (Odoo or SMTP); secrets are write-only', body: connectionInput, status: 201 },
  'POST /api/connections/:name/test': { summary: 'Log in to the Odoo connection and report its version', returns: '{ ok, serverVersion, protocol, uid } or { ok: false, error }' },
  'POST /api/connections/:name/circuit/close': { summary: 'Close an open circuit breaker so calls go through again' },
  'GET /api/connections/:name/odoo/models/:model/fields': { summary: 'Odoo `fields_get` of a model (cached 5 minutes), for mapping', returns: '{ fields }' },

  'GET /api/approvals': { summary: 'The approver’s inbox', query: approvalsQuery, returns: '{ items }' },
  'GET /api/approvals/:id': { summary: 'One approval with what the approver is shown' },
  'POST /api/approvals/:id/decision': { summary: 'Approve or reject; a repeat returns the first answer; the submitter is refused', body: approvalDecision },

  'GET /api/schedules': { summary: 'Every schedule, with a human description and the next runs', returns: '{ items }' },
  'POST /api/schedules/preview': { summary: 'Describe a timing and list its next runs without saving', body: previewRequest, returns: '{ description, timezone, nextRuns }' },
  'GET /api/flows/:id/schedule': { summary: 'The schedule of a flow (or what its trigger proposes)', area: 'schedules' },
  'PUT /api/flows/:id/schedule': { summary: 'Change timing, pause or resume; missing keys keep their value', body: scheduleChange, area: 'schedules' },

  'POST /hooks/:path{.+}': { summary: 'Webhook trigger: starts the flow listening on this path (any JSON, form or text body; optional Idempotency-Key, bearer token and HMAC signature)', status: 202, area: 'webhooks', returns: '{ runId, status }, or the output in respond mode' },
};
