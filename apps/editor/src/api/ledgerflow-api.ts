import { flowDocumentSchema, migrateFlow, type FlowDocument } from '@ledgerflow/flow';
import type { OdooFields } from '../odoo/odoo-fields';
import { ApiError, request } from './http';
import * as s from './schemas';

/** The editor's view of the server API; an interface so tests can pass a fake. */
export interface LedgerflowApi {
  me(): Promise<s.User>;
  login(username: string, password: string): Promise<s.User>;
  logout(): Promise<void>;
  listFlows(): Promise<s.FlowSummary[]>;
  createFlow(flow: FlowDocument): Promise<s.SavedFlow>;
  getFlow(id: string): Promise<{ flow: FlowDocument; version: number; hash: string | null | undefined; publishedVersion: number | null }>;
  saveFlow(flow: FlowDocument): Promise<s.SavedFlow>;
  publishFlow(id: string, version: number): Promise<s.PublishAnswer>;
  listVersions(id: string): Promise<s.VersionSummary[]>;
  getVersion(id: string, version: number): Promise<{ flow: FlowDocument; summary: s.VersionSummary }>;
  startRun(id: string, input: unknown, version?: number): Promise<{ id: string; status: string }>;
  getRun(runId: string): Promise<s.RunView>;
  listRuns(flowId: string, limit?: number): Promise<s.RunSummary[]>;
  listConnections(): Promise<s.Connection[]>;
  odooFields(connection: string, model: string): Promise<OdooFields>;
}

const enc = encodeURIComponent;

/** Parses a stored document, migrating older schemas as the server does. */
export function parseDocument(value: unknown): FlowDocument {
  const parsed = flowDocumentSchema.safeParse(migrateFlow(value));
  if (!parsed.success) throw new ApiError(200, 'bad_document', `The stored flow does not match the flow schema: ${parsed.error.issues[0]?.message ?? ''}`);
  return parsed.data;
}

/** The API over fetch, same origin. */
export const httpApi: LedgerflowApi = {
  me: async () => (await request('GET', '/api/auth/me', s.meSchema)).user,
  login: async (username, password) => (await request('POST', '/api/auth/login', s.loginSchema, { username, password })).user,
  logout: async () => {
    await request('POST', '/api/auth/logout', s.anySchema, {});
  },
  listFlows: async () => (await request('GET', '/api/flows', s.flowListSchema)).items,
  createFlow: (flow) => request('POST', '/api/flows', s.savedFlowSchema, flow),
  async getFlow(id) {
    const stored = await request('GET', `/api/flows/${enc(id)}`, s.storedFlowSchema);
    return { flow: parseDocument(stored.document), version: stored.version, hash: stored.hash, publishedVersion: stored.publishedVersion ?? null };
  },
  saveFlow: (flow) => request('PUT', `/api/flows/${enc(flow.id)}`, s.savedFlowSchema, flow),
  publishFlow: (id, version) => request('POST', `/api/flows/${enc(id)}/publish`, s.publishSchema, { version }),
  listVersions: async (id) => (await request('GET', `/api/flows/${enc(id)}/versions`, s.versionListSchema)).items,
  async getVersion(id, version) {
    const stored = await request('GET', `/api/flows/${enc(id)}/versions/${version}`, s.versionSchema);
    return { flow: parseDocument(stored.document), summary: stored };
  },
  startRun: (id, input, version) => request('POST', `/api/flows/${enc(id)}/runs`, s.runStartedSchema, version === undefined ? { input } : { input, version }),
  getRun: (runId) => request('GET', `/api/runs/${enc(runId)}`, s.runSchema),
  listRuns: async (flowId, limit = 20) => (await request('GET', `/api/runs?flowId=${enc(flowId)}&limit=${limit}`, s.runListSchema)).items,
  listConnections: async () => (await request('GET', '/api/connections', s.connectionListSchema)).items,
  odooFields: async (connection, model) => (await request('GET', `/api/connections/${enc(connection)}/odoo/models/${enc(model)}/fields`, s.odooFieldsSchema)).fields,
};
