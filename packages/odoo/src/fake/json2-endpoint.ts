import { dispatchNamed } from './dispatch';
import { json2Error, json2Result, type FakeAnswer } from './envelopes';
import { envFor, type FakeState } from './fake-state';
import { runModelCall } from './model-call';
import { FakeOdooException, odooRaise, unknownDatabase } from './odoo-exception';

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The request parts JSON-2 looks at. */
export interface Json2Request {
  method: string;
  path: string;
  authorization: string | undefined;
  database: string | undefined;
  body: string;
}

function asOdooException(error: unknown): FakeOdooException {
  return error instanceof FakeOdooException ? error : odooRaise.exception(error instanceof Error ? error.message : String(error));
}

/** Answers `/json/2/<model>/<method>` (19+): bearer key, by-name parameters, the status table of §3. */
export async function handleJson2(state: FakeState, request: Json2Request): Promise<FakeAnswer | 'drop'> {
  const match = /^\/json\/2\/([^/]+)\/([^/]+)$/.exec(request.path);
  const model = match?.[1] === undefined ? undefined : decodeURIComponent(match[1]);
  const method = match?.[2] === undefined ? undefined : decodeURIComponent(match[2]);
  if (request.method !== 'POST' || model === undefined || method === undefined) {
    return json2Error(odooRaise.notFound('Did you mean POST /json/2/<model>/<method>?'));
  }
  const key = /^bearer\s+(.+)$/i.exec(request.authorization ?? '')?.[1]?.trim();
  if (key !== state.apiKey) return json2Error(odooRaise.unauthorized());
  if (request.database !== undefined && request.database !== state.database) return json2Error(unknownDatabase(request.database));
  let body: unknown;
  try {
    body = request.body.trim() === '' ? {} : JSON.parse(request.body);
  } catch (error) {
    return json2Error(odooRaise.badRequest(`could not parse the body as json: ${error instanceof Error ? error.message : String(error)}`));
  }
  if (!isObject(body)) return json2Error(odooRaise.badRequest('could not parse the body as json: expected an object'));
  const namedBody = body;
  const { ids, ...kwargs } = namedBody;
  return runModelCall(
    state,
    'json2',
    { model, method, args: ids === undefined ? [] : [ids], kwargs },
    () => {
      try {
        return json2Result(dispatchNamed(envFor(state, 'json2', namedBody.context), model, method, namedBody));
      } catch (error) {
        return json2Error(asOdooException(error));
      }
    },
    () => json2Error(odooRaise.serializationFailure()),
  );
}
