/**
 * Webhook tokens travel in URLs; they must never reach a log. A URL is judged as the router
 * and the query parser read it, percent-decoded, and more widely than they match: in the
 * path, whatever follows `/webhooks/` and `qualified/` (in any case, with any slashes
 * doubled), and in the query, the value of every parameter whose name says `token`.
 */
export function withoutSecrets(url: string): string {
  const queryStart = url.indexOf('?');
  if (queryStart === -1) return withoutPathToken(url);
  const path = withoutPathToken(url.slice(0, queryStart));
  return `${path}?${withoutQueryTokens(url.slice(queryStart + 1))}`;
}

const REDACTED = '[token]';

function withoutPathToken(path: string): string {
  const segments = decoded(path).split(/[/\\]/);
  const webhooks = segments.findIndex((segment) => segment.toLowerCase() === 'webhooks');
  if (webhooks === -1) return path;
  let kept = webhooks + 1;
  while (kept < segments.length && ['', 'qualified'].includes(segments[kept].toLowerCase())) {
    kept += 1;
  }
  if (kept === segments.length) return path;
  const before = segments.slice(0, kept).join('/').replace(/\/+$/, '');
  return `${encodeURI(before)}/${REDACTED}`;
}

function withoutQueryTokens(query: string): string {
  return query
    .split('&')
    .map((parameter) => {
      const name = parameter.split('=', 1)[0];
      return /token/i.test(decoded(name.replaceAll('+', ' '))) ? `${name}=${REDACTED}` : parameter;
    })
    .join('&');
}

/** Percent-decoded until nothing changes (encoded twice, thrice…), sparing malformed escapes. */
function decoded(text: string): string {
  let current = text;
  for (let round = 0; round < 5; round++) {
    const next = current.replace(/(?:%[\da-f]{2})+/gi, decodeEscapes);
    if (next === current) break;
    current = next;
  }
  return current;
}

function decodeEscapes(run: string): string {
  try {
    return decodeURIComponent(run);
  } catch {
    // Not UTF-8: decode what is ASCII, keep the rest as it came.
    return run.replace(/%([0-7][\da-f])/gi, (_, hex: string) =>
      String.fromCharCode(parseInt(hex, 16)),
    );
  }
}
