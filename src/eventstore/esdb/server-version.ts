/** The oldest server the ledger runs on: the first that tells a subscription it has caught up. */
const OLDEST = { major: 23, minor: 10 };

/**
 * Why the ledger cannot run on a server of this version (as ServerFeatures reports it, such
 * as "24.10.4"; "unknown" from a server without ServerFeatures), or undefined when it can.
 */
export function unsupportedBecause(version: string): string | undefined {
  const oldest = `${OLDEST.major}.${OLDEST.minor}`;
  const parts = /^(\d+)\.(\d+)\./.exec(version);
  if (!parts) {
    return `the server does not tell its version (servers before 21.10 do not): the ledger needs EventStoreDB ${oldest} or newer`;
  }
  const [major, minor] = [Number(parts[1]), Number(parts[2])];
  if (major > OLDEST.major || (major === OLDEST.major && minor >= OLDEST.minor)) return undefined;
  return `server version ${version} is older than ${oldest}, the first that tells a subscription it has caught up: upgrade the server`;
}
