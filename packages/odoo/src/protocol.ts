import type { OdooCall } from './odoo-call';
import type { OdooProtocolName } from './types';

/** The server's version as reported by Odoo. */
export interface ServerVersion {
  serverVersion: string;
  major: number;
}

/** One wire protocol: how to ask the version, authenticate and call a model method. */
export interface OdooProtocol {
  readonly name: OdooProtocolName;
  version(): Promise<ServerVersion>;
  authenticate(): Promise<number>;
  call(call: OdooCall): Promise<unknown>;
}

/** What every protocol needs to know about the connection. */
export interface ConnectionSettings {
  database: string;
  login: string;
  apiKey: string;
}
