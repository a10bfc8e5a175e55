import type { z } from 'zod';

/** An error answer from the API, with its code and issues. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly issues: ReadonlyArray<{ path: string; message: string }>;

  constructor(status: number, code: string, message: string, issues: ReadonlyArray<{ path: string; message: string }> = []) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.issues = issues;
  }
}

let onUnauthorized: () => void = () => undefined;

/** What to do when the session is gone (the shell sends the user to /login). */
export function setUnauthorizedHandler(handler: () => void): void {
  onUnauthorized = handler;
}

/** The double-submit CSRF token the server sets as a readable cookie. */
export function csrfToken(): string | undefined {
  const match = document.cookie.split(';').map((c) => c.trim()).find((c) => c.startsWith('lf_csrf='));
  return match ? decodeURIComponent(match.slice('lf_csrf='.length)) : undefined;
}

/**
 * Calls the API with the session cookie (and CSRF header on writes) and
 * parses the answer with `schema`; error answers become ApiError.
 */
export async function request<T>(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, schema: z.ZodType<T>, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const token = method === 'GET' ? undefined : csrfToken();
  if (token) headers['x-csrf-token'] = token;
  let response: Response;
  try {
    response = await fetch(path, { method, headers, credentials: 'same-origin', ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  } catch (error) {
    throw new ApiError(0, 'network_error', `The server did not answer (${error instanceof Error ? error.message : String(error)})`);
  }
  const text = await response.text();
  const json: unknown = text ? safeJson(text) : undefined;
  if (!response.ok) {
    const error = errorOf(json);
    if (response.status === 401 && !path.startsWith('/api/auth/')) onUnauthorized();
    throw new ApiError(response.status, error.code ?? `http_${response.status}`, error.message ?? `${response.status} ${response.statusText}`, error.issues ?? []);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new ApiError(response.status, 'unexpected_answer', `Unexpected answer from ${method} ${path}: ${parsed.error.issues[0]?.message ?? 'bad shape'}`);
  return parsed.data;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function errorOf(json: unknown): { code?: string; message?: string; issues?: Array<{ path: string; message: string }> } {
  if (typeof json !== 'object' || json === null || !('error' in json)) return {};
  const error = json.error;
  if (typeof error !== 'object' || error === null) return {};
  const code = 'code' in error && typeof error.code === 'string' ? error.code : undefined;
  const message = 'message' in error && typeof error.message === 'string' ? error.message : undefined;
  const issues = 'issues' in error && Array.isArray(error.issues)
    ? error.issues.flatMap((i: unknown) => (typeof i === 'object' && i !== null && 'message' in i ? [{ path: 'path' in i ? String(i.path) : '', message: String(i.message) }] : []))
    : undefined;
  return { ...(code ? { code } : {}), ...(message ? { message } : {}), ...(issues ? { issues } : {}) };
}
