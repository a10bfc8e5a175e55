import { fromNetworkFailure, type ErrorScope, type HttpAnswer } from './odoo-error-from';

/** Sends one HTTP request to the Odoo server and reads the whole answer. */
export interface HttpTransport {
  post(path: string, body: unknown, headers: Record<string, string>, scope: ErrorScope): Promise<HttpAnswer>;
  get(path: string, headers: Record<string, string>, scope: ErrorScope): Promise<HttpAnswer>;
}

/** Settings of the transport; `fetch` is injectable so tests can intercept. */
export interface HttpTransportSettings {
  baseUrl: string;
  fetch: typeof fetch;
  timeoutMs: number;
}

/** A transport over `fetch`; any failure before a full answer becomes a retryable OdooError. */
export function createHttpTransport(settings: HttpTransportSettings): HttpTransport {
  const baseUrl = settings.baseUrl.replace(/\/+$/, '');

  async function send(path: string, init: RequestInit, scope: ErrorScope): Promise<HttpAnswer> {
    try {
      // One signal covers the body too: a server that stalls mid-answer also times out.
      const response = await settings.fetch(`${baseUrl}${path}`, { ...init, signal: AbortSignal.timeout(settings.timeoutMs) });
      const text = await response.text();
      return { status: response.status, headers: response.headers, text };
    } catch (error) {
      throw fromNetworkFailure(error, scope, settings.timeoutMs);
    }
  }

  return {
    post: (path, body, headers, scope) =>
      send(path, { method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/json', ...headers }, body: JSON.stringify(body) }, scope),
    get: (path, headers, scope) => send(path, { method: 'GET', headers: { Accept: 'application/json', ...headers } }, scope),
  };
}
