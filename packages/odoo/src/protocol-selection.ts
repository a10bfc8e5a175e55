import { OdooError } from './errors';
import type { OdooProtocol, ServerVersion } from './protocol';

/** The protocol chosen for a client, with the version seen while choosing (if any). */
export interface SelectedProtocol {
  protocol: OdooProtocol;
  version?: ServerVersion;
}

/** JSON-2 exists from 19 on; older servers answer it with an HTML 404. */
export const FIRST_JSON2_MAJOR = 19;

/**
 * Asks the server its version: `/web/version` first (19+, and it survives the
 * removal of `/jsonrpc`), then `common.version` for servers without it.
 */
export async function detectProtocol(json2: OdooProtocol, jsonrpc: OdooProtocol): Promise<SelectedProtocol> {
  let version: ServerVersion;
  try {
    version = await json2.version();
  } catch (error) {
    // Only a definite "not here" (404, not JSON) means an older server; network trouble propagates.
    if (!(error instanceof OdooError) || error.retryable) throw error;
    version = await jsonrpc.version();
  }
  return { protocol: version.major >= FIRST_JSON2_MAJOR ? json2 : jsonrpc, version };
}
