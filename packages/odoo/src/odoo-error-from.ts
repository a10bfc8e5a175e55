import { isRetryableHttpStatus, isRetryableOdooException, parseRetryAfter } from './error-classification';
import { OdooError, OdooErrorNames, callLabel } from './errors';
import { isJsonObject, parseJsonText, stringProp } from './json-shape';

/** The call an error is about, and the secret that must never appear in it. */
export interface ErrorScope {
  model?: string;
  method: string;
  secret: string;
}

/** An HTTP answer as read by the transport. */
export interface HttpAnswer {
  status: number;
  headers: Headers;
  text: string;
}

/** Replaces every occurrence of the API key, should a server or proxy echo it. */
export function redact(text: string, secret: string): string {
  return secret.length < 4 ? text : text.split(secret).join('[redacted]');
}

/** An exception Odoo reported (JSON-RPC `error.data` or a JSON-2 error body). */
export function fromOdooException(name: string, message: string, scope: ErrorScope, httpStatus?: number): OdooError {
  const odooMessage = redact(message, scope.secret);
  const retryable = httpStatus === 409 || isRetryableOdooException(name, odooMessage);
  return new OdooError({ odooName: name, odooMessage, model: scope.model, method: scope.method, httpStatus, retryable });
}

/** A JSON-RPC `error` member; keyed on `data.name`, never on `code`. */
export function fromJsonRpcError(error: unknown, scope: ErrorScope): OdooError {
  const data = isJsonObject(error) && isJsonObject(error.data) ? error.data : undefined;
  const name = (data && stringProp(data, 'name')) ?? 'builtins.Exception';
  const message = (data && stringProp(data, 'message')) ?? (isJsonObject(error) ? stringProp(error, 'message') : undefined) ?? 'Odoo Server Error';
  return fromOdooException(name, message, scope);
}

/** A non-success HTTP answer; uses the JSON-2 error body when there is one. */
export function fromHttpAnswer(answer: HttpAnswer, scope: ErrorScope): OdooError {
  const parsed = parseJsonText(answer.text);
  const body = parsed.ok && isJsonObject(parsed.value) ? parsed.value : undefined;
  const name = body && stringProp(body, 'name');
  const message = body && stringProp(body, 'message');
  const retryAfterMs = answer.status === 429 ? parseRetryAfter(answer.headers.get('retry-after')) : undefined;
  if (name !== undefined && message !== undefined && answer.status !== 429 && answer.status < 502) {
    return fromOdooException(name, message, scope, answer.status);
  }
  const summary = `HTTP ${answer.status}${statusHint(answer.status)}`;
  return new OdooError({
    odooName: OdooErrorNames.http,
    odooMessage: summary,
    model: scope.model,
    method: scope.method,
    httpStatus: answer.status,
    retryable: isRetryableHttpStatus(answer.status),
    retryAfterMs,
    message: `Odoo answered ${summary} to ${callLabel(scope.model, scope.method)}`,
  });
}

function statusHint(status: number): string {
  if (status === 404) return ' (wrong URL, or this API is disabled on the server)';
  if (status === 429) return ' (rate limited)';
  if (status >= 502 && status <= 504) return ' (Odoo unavailable or restarting)';
  return '';
}

/** `fetch` threw: no answer at all (refused, reset, closed socket, timeout). */
export function fromNetworkFailure(error: unknown, scope: ErrorScope, timeoutMs: number): OdooError {
  const label = callLabel(scope.model, scope.method);
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return new OdooError({
      odooName: OdooErrorNames.timeout,
      odooMessage: `no answer within ${timeoutMs} ms`,
      model: scope.model,
      method: scope.method,
      retryable: true,
      message: `Odoo did not answer ${label} within ${timeoutMs} ms`,
    });
  }
  const reason = redact(networkReason(error), scope.secret);
  return new OdooError({
    odooName: OdooErrorNames.network,
    odooMessage: reason,
    model: scope.model,
    method: scope.method,
    retryable: true,
    cause: error,
    message: `Odoo could not be reached for ${label}: ${reason}`,
  });
}

function networkReason(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause: unknown = error.cause;
  if (cause instanceof Error) {
    const code = 'code' in cause && typeof cause.code === 'string' ? ` (${cause.code})` : '';
    return `${error.message}: ${cause.message}${code}`;
  }
  return error.message;
}

/** Odoo answered, but not in a shape this client understands. */
export function unexpectedAnswer(scope: ErrorScope, expected: string): OdooError {
  const label = callLabel(scope.model, scope.method);
  return new OdooError({
    odooName: OdooErrorNames.unexpectedAnswer,
    odooMessage: `expected ${expected}`,
    model: scope.model,
    method: scope.method,
    retryable: false,
    message: `Odoo answered ${label} with something unexpected: expected ${expected}`,
  });
}
