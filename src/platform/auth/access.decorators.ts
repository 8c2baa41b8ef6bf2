import { SetMetadata } from '@nestjs/common';

export const ACCESS = 'ledger:access';
export type Access = 'public' | 'admin';

/** Answers without an API key: health checks. */
export const Public = () => SetMetadata(ACCESS, 'public' satisfies Access);

/** Needs an API key marked admin: rebuilds and dead-letter retries. */
export const AdminOnly = () => SetMetadata(ACCESS, 'admin' satisfies Access);
