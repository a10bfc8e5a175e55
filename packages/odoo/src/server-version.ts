import { isJsonObject, stringProp } from './json-shape';
import type { ServerVersion } from './protocol';

/** Parses `common.version` (`server_version`, `server_version_info`) or `/web/version` (`version`, `version_info`). */
export function parseServerVersion(value: unknown): ServerVersion | undefined {
  if (!isJsonObject(value)) return undefined;
  const serverVersion = stringProp(value, 'server_version') ?? stringProp(value, 'version');
  const info = value.server_version_info ?? value.version_info;
  const first: unknown = Array.isArray(info) ? info[0] : undefined;
  // Versions like "saas~18.2" put the major in the string only.
  const major = typeof first === 'number' ? first : majorFromString(serverVersion);
  if (serverVersion === undefined || major === undefined) return undefined;
  return { serverVersion, major };
}

function majorFromString(version: string | undefined): number | undefined {
  const match = version === undefined ? null : /(\d+)\./.exec(version);
  return match?.[1] === undefined ? undefined : Number(match[1]);
}
