/** An exception raised inside the fake the way Odoo raises it: Python class path plus message. */
export class FakeOdooException extends Error {
  /** The Python class path Odoo reports as `data.name` / JSON-2 `name`. */
  readonly odooName: string;
  /** HTTP status for JSON-2 when it is not implied by the class (werkzeug errors). */
  readonly json2Status: number | undefined;

  constructor(odooName: string, message: string, json2Status?: number) {
    super(message);
    this.name = 'FakeOdooException';
    this.odooName = odooName;
    this.json2Status = json2Status;
  }
}

/** Factories for the exceptions the fake raises, named after Odoo's classes. */
export const odooRaise = {
  userError: (message: string) => new FakeOdooException('odoo.exceptions.UserError', message),
  validationError: (message: string) => new FakeOdooException('odoo.exceptions.ValidationError', message),
  accessDenied: () => new FakeOdooException('odoo.exceptions.AccessDenied', 'Access Denied'),
  accessError: (message: string) => new FakeOdooException('odoo.exceptions.AccessError', message),
  missingError: (message: string) => new FakeOdooException('odoo.exceptions.MissingError', message),
  valueError: (message: string) => new FakeOdooException('builtins.ValueError', message),
  typeError: (message: string) => new FakeOdooException('builtins.TypeError', message),
  keyError: (message: string) => new FakeOdooException('builtins.KeyError', message),
  attributeError: (message: string) => new FakeOdooException('builtins.AttributeError', message),
  exception: (message: string) => new FakeOdooException('builtins.Exception', message),
  operationalError: (message: string) => new FakeOdooException('psycopg2.OperationalError', message),
  serializationFailure: () => new FakeOdooException('psycopg2.errors.SerializationFailure', 'could not serialize access due to concurrent update\n'),
  notFound: (message: string) => new FakeOdooException('werkzeug.exceptions.NotFound', message, 404),
  unprocessable: (message: string) => new FakeOdooException('werkzeug.exceptions.UnprocessableEntity', message, 422),
  unauthorized: () => new FakeOdooException('werkzeug.exceptions.Unauthorized', 'Invalid apikey', 401),
  badRequest: (message: string) => new FakeOdooException('werkzeug.exceptions.BadRequest', message, 400),
};

/** JSON-2 status for an exception, per the 19.0 dispatcher and `odoo/exceptions.py`. */
export function json2StatusOf(exception: FakeOdooException): number {
  if (exception.json2Status !== undefined) return exception.json2Status;
  switch (exception.odooName) {
    case 'odoo.exceptions.UserError':
    case 'odoo.exceptions.ValidationError':
    case 'odoo.exceptions.RedirectWarning':
      return 422;
    case 'odoo.exceptions.AccessDenied':
    case 'odoo.exceptions.AccessError':
      return 403;
    case 'odoo.exceptions.MissingError':
      return 404;
    case 'odoo.exceptions.LockError':
      return 409;
    default:
      return 500;
  }
}

/** Odoo's message for a database the server does not have. */
export function unknownDatabase(database: string): FakeOdooException {
  return odooRaise.operationalError(
    `connection to server on socket "/var/run/postgresql/.s.PGSQL.5432" failed: FATAL:  database "${database}" does not exist\n`,
  );
}
