import * as fc from 'fast-check';
import { TEST_TOKEN } from '../../support/service.js';

/**
 * Where a request carries its webhook token, and which token. `query twice`: the token,
 * then the right one, in two `token` parameters; an ambiguous request must be refused.
 */
export interface Credentials {
  place: 'path' | 'header' | 'query' | 'query twice' | 'none';
  token: string;
}

export const rightCredentials: fc.Arbitrary<Credentials> = fc
  .constantFrom('path' as const, 'header' as const, 'query' as const)
  .map((place) => ({ place, token: TEST_TOKEN }));

const NEAR_MISSES = [
  TEST_TOKEN.slice(0, -1),
  `${TEST_TOKEN}x`,
  TEST_TOKEN.toUpperCase(),
  `${TEST_TOKEN.slice(0, -1)}g`,
  `test:${TEST_TOKEN}`,
  'test',
];
const headerSafe = fc.integer({ min: 0x21, max: 0x7e }).map((code) => String.fromCharCode(code));

/** No token, or a wrong one (random or nearly right) wherever a token may go. */
export const wrongCredentials: fc.Arbitrary<Credentials> = fc.oneof(
  fc.constant<Credentials>({ place: 'none', token: '' }),
  fc
    .tuple(
      fc.constantFrom('path' as const, 'query' as const, 'query twice' as const),
      fc.oneof(fc.constantFrom(...NEAR_MISSES), fc.string({ unit: 'binary', minLength: 1 })),
    )
    // A path of "." or ".." is a different URL, not a wrong token.
    .filter(([place, token]) => place !== 'path' || !/^\.\.?$/.test(token))
    .map(([place, token]) => ({ place, token })),
  fc
    .oneof(fc.constantFrom(...NEAR_MISSES), fc.string({ unit: headerSafe, minLength: 1 }))
    .map((token) => ({ place: 'header' as const, token })),
);

/** The URL and headers of a webhook request that presents these credentials. */
export function webhookRequest(ingestUrl: string, { place, token }: Credentials) {
  const base = `${ingestUrl}/webhooks/qualified`;
  const query = (value: string) => new URLSearchParams({ token: value }).toString();
  const url = {
    path: `${base}/${encodeURIComponent(token)}`,
    header: base,
    query: `${base}?${query(token)}`,
    'query twice': `${base}?${query(token)}&${query(TEST_TOKEN)}`,
    none: base,
  }[place];
  const headers: Record<string, string> = place === 'header' ? { 'x-webhook-token': token } : {};
  return { url, headers };
}
