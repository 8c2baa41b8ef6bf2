import { NamedSecrets, parseSecretList } from '../../platform/auth/named-secrets.js';

export interface ApiKey {
  name: string;
  secret: string;
  admin: boolean;
}

/** The query API's keys; `open` when none is configured (loopback only). */
export class ApiKeys extends NamedSecrets<ApiKey> {
  get open(): boolean {
    return this.entries.length === 0;
  }

  static parse(list: string | undefined): ApiKeys {
    if (!list) return new ApiKeys([]);
    return new ApiKeys(
      parseSecretList(list).map(({ name, secret, flag }) => ({
        name,
        secret,
        admin: flag === 'admin',
      })),
    );
  }
}
