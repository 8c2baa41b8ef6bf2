import { withoutSecrets } from './logging.module.js';

describe('withoutSecrets', () => {
  it('hides a webhook token in the path or the query', () => {
    expect(withoutSecrets('/webhooks/qualified/s3cr3t-token')).toBe('/webhooks/qualified/[token]');
    expect(withoutSecrets('/webhooks/qualified?token=s3cr3t&x=1')).toBe(
      '/webhooks/qualified?token=[token]&x=1',
    );
    expect(withoutSecrets('/candidates?state=invited')).toBe('/candidates?state=invited');
  });
});
