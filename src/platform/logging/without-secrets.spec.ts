import { withoutSecrets } from './without-secrets.js';

const TOKEN = 's3cr3t-token-0123456789';

describe('withoutSecrets', () => {
  it('hides a webhook token in the path or the query', () => {
    expect(withoutSecrets(`/webhooks/qualified/${TOKEN}`)).toBe('/webhooks/qualified/[token]');
    expect(withoutSecrets(`/webhooks/qualified?token=${TOKEN}&x=1`)).toBe(
      '/webhooks/qualified?token=[token]&x=1',
    );
  });

  it('leaves other URLs as they came', () => {
    for (const url of [
      '/candidates?state=invited&q=ok%20afor',
      '/webhooks/qualified',
      '/webhooks/qualified/?x=1',
      '/streams/teamCandidate-1?from=2',
    ]) {
      expect(withoutSecrets(url)).toBe(url);
    }
  });

  it.each([
    ['an encoded route', `/webhooks/%71ualified/${TOKEN}`, '/webhooks/qualified/[token]'],
    ['an encoded token', `/webhooks/qualified/%73${TOKEN.slice(1)}`, '/webhooks/qualified/[token]'],
    ['a doubly encoded route', `/webhooks/%2571ualified/${TOKEN}`, '/webhooks/qualified/[token]'],
    ['doubled slashes', `//webhooks//qualified//${TOKEN}`, '//webhooks//qualified/[token]'],
    ['another case', `/Webhooks/QUALIFIED/${TOKEN}`, '/Webhooks/QUALIFIED/[token]'],
    ['an encoded slash', `/webhooks%2Fqualified%2F${TOKEN}`, '/webhooks/qualified/[token]'],
    [
      'a path after the token',
      `/webhooks/qualified/${TOKEN}/x?y=1`,
      '/webhooks/qualified/[token]?y=1',
    ],
    ['a mistyped source', `/webhooks/qualifed/${TOKEN}`, '/webhooks/[token]'],
    ['no source', `/webhooks/${TOKEN}`, '/webhooks/[token]'],
    [
      'an encoded parameter name',
      `/webhooks/qualified?%74oken=${TOKEN}`,
      '/webhooks/qualified?%74oken=[token]',
    ],
    [
      'a repeated parameter',
      `/x?token=a&token=${TOKEN}&token=${TOKEN}`,
      '/x?token=[token]&token=[token]&token=[token]',
    ],
    ['a parameter named like a token', `/x?Webhook_Token=${TOKEN}`, '/x?Webhook_Token=[token]'],
    ['a malformed escape beside', `/x?%FF%74oken=${TOKEN}`, '/x?%FF%74oken=[token]'],
  ])('hides the token behind %s', (_case, url, logged) => {
    expect(withoutSecrets(url)).toBe(logged);
  });
});
