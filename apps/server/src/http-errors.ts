import { ConfigError, LedgerflowError, zodIssues, type Issue } from '@ledgerflow/flow';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z } from 'zod';

/** An error meant for the API caller, with its HTTP status. */
export class HttpError extends LedgerflowError {
  constructor(readonly status: ContentfulStatusCode, code: string, message: string, readonly issues: Issue[] = []) {
    super(code, message);
  }
}

export const notFound = (what: string) => new HttpError(404, 'not_found', `${what} was not found`);
export const badRequest = (message: string, issues: Issue[] = []) => new HttpError(400, 'bad_request', message, issues);

/** The one place errors become HTTP answers; stack traces never leave the server. */
export function errorResponse(c: Context, error: unknown, log: (error: unknown) => void) {
  if (error instanceof HttpError) return c.json({ error: { code: error.code, message: error.message, issues: error.issues } }, error.status);
  if (error instanceof ConfigError) return c.json({ error: { code: error.code, message: error.message, issues: [...error.issues] } }, 400);
  if (error instanceof z.ZodError) return c.json({ error: { code: 'invalid_request', message: 'the request is invalid', issues: zodIssues(error) } }, 400);
  if (isHttpException(error)) return c.json({ error: { code: error.status === 413 ? 'body_too_large' : 'bad_request', message: error.message, issues: [] } }, error.status);
  log(error);
  return c.json({ error: { code: 'internal_error', message: 'something went wrong on the server; it has been logged', issues: [] } }, 500);
}

function isHttpException(error: unknown): error is { status: ContentfulStatusCode; message: string } {
  return typeof error === 'object' && error !== null && 'status' in error && typeof error.status === 'number' && error.status >= 400 && error.status < 500 && 'getResponse' in error;
}

/** Reads a JSON body and parses it with a zod schema; every problem names its field. */
export async function readBody<T>(c: Context, schema: z.ZodType<T>): Promise<T> {
  const text = await c.req.text();
  let value: unknown;
  try {
    value = text.trim() === '' ? {} : JSON.parse(text, refusePrototypeKeys);
  } catch (error) {
    throw new HttpError(400, 'invalid_json', `the body is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new HttpError(400, 'invalid_request', 'the request body is invalid', zodIssues(parsed.error, ['body']));
  return parsed.data;
}

/** `__proto__` and friends never reach our objects. */
export function refusePrototypeKeys(key: string, value: unknown): unknown {
  return key === '__proto__' || key === 'constructor' || key === 'prototype' ? undefined : value;
}

/** Parses query parameters with a zod schema. */
export function readQuery<T>(c: Context, schema: z.ZodType<T>): T {
  const parsed = schema.safeParse(c.req.query());
  if (!parsed.success) throw new HttpError(400, 'invalid_request', 'the query is invalid', zodIssues(parsed.error, ['query']));
  return parsed.data;
}
