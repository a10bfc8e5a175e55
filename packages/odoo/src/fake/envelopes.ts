import type { FakeOdooException } from './odoo-exception';
import { json2StatusOf } from './odoo-exception';

/** An HTTP answer the fake will write (or withhold, for dropped connections). */
export interface FakeAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** A Python-looking traceback for `debug`, ending like Python's: `ValueError: message`. */
function traceback(exception: FakeOdooException): string {
  const shortName = exception.odooName.startsWith('builtins.') ? exception.odooName.slice('builtins.'.length) : exception.odooName;
  return 'Traceback (most recent call last):\n' +
    '  File "/usr/lib/python3/dist-packages/odoo/http.py", line 1640, in _serve_db\n' +
    '    return service_model.retrying(self._serve_ir_http, self.env)\n' +
    `${shortName}: ${exception.message}\n`;
}

function json(status: number, value: unknown, headers: Record<string, string> = {}): FakeAnswer {
  return { status, headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(value) };
}

/** JSON-RPC success; `result` is omitted when the method returned None, as Odoo does. */
export function rpcResult(id: unknown, result: unknown): FakeAnswer {
  return json(200, result === null || result === undefined ? { jsonrpc: '2.0', id } : { jsonrpc: '2.0', id, result });
}

/** JSON-RPC error, always HTTP 200; `code` is 200 up to 18 and 0 from 19. */
export function rpcError(id: unknown, exception: FakeOdooException, version: number): FakeAnswer {
  const data = { name: exception.odooName, message: exception.message, arguments: [exception.message], context: {}, debug: traceback(exception) };
  return json(200, { jsonrpc: '2.0', id, error: { code: version >= 19 ? 0 : 200, message: 'Odoo Server Error', data } });
}

/** JSON-2 success: the bare return value. */
export function json2Result(result: unknown): FakeAnswer {
  return json(200, result ?? null);
}

/** JSON-2 error with the status of the 19.0 table; 401 carries `WWW-Authenticate: bearer`. */
export function json2Error(exception: FakeOdooException): FakeAnswer {
  const status = json2StatusOf(exception);
  const args = exception.odooName.startsWith('werkzeug.') ? [exception.message, status] : [exception.message];
  const headers: Record<string, string> = status === 401 ? { 'WWW-Authenticate': 'bearer' } : {};
  return json(status, { name: exception.odooName, message: exception.message, arguments: args, context: {}, debug: traceback(exception) }, headers);
}

const STATUS_TEXT: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  404: 'Not Found',
  429: 'Too Many Requests',
  502: 'Bad Gateway',
  503: 'Service Temporarily Unavailable',
  504: 'Gateway Time-out',
};

/** An HTML error page: werkzeug's for 400/404, nginx-like for proxy errors. */
export function htmlPage(status: number, headers: Record<string, string> = {}): FakeAnswer {
  const text = STATUS_TEXT[status] ?? 'Error';
  const explanation = status === 404
    ? 'The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.'
    : 'The browser (or proxy) sent a request that this server could not understand.';
  const body = status === 404 || status === 400
    ? `<!doctype html>\n<html lang=en>\n<title>${status} ${text}</title>\n<h1>${text}</h1>\n<p>${explanation}</p>\n`
    : `<html>\r\n<head><title>${status} ${text}</title></head>\r\n<body>\r\n<center><h1>${status} ${text}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
  return { status, headers: { 'Content-Type': 'text/html; charset=utf-8', ...headers }, body };
}
