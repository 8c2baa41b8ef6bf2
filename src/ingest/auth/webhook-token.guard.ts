import {
  Injectable,
  Logger,
  UnauthorizedException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { LedgerMetrics } from '../../platform/metrics/ledger-metrics.js';
import { WebhookTokens } from './webhook-tokens.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The name of the configured token the webhook presented. */
    webhookTokenName?: string;
  }
}

/** Admits a webhook whose token (path, X-Webhook-Token header or `token` query) is configured. */
@Injectable()
export class WebhookTokenGuard implements CanActivate {
  private readonly logger = new Logger('WebhookAuth');
  private refused = 0;

  constructor(
    private readonly tokens: WebhookTokens,
    private readonly metrics: LedgerMetrics,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    if (this.tokens.open) return true;
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const presented = presentedToken(request);
    const name = this.tokens.match(presented)?.name;
    if (name !== undefined) {
      request.webhookTokenName = name;
      return true;
    }
    this.refused += 1;
    this.metrics.deliveries.inc({ type: 'unknown', outcome: 'unauthorized' });
    this.logger.warn(
      `Refused a webhook from ${request.ip}: ${presented ? 'unknown' : 'no'} token (${this.refused} refused since start)`,
    );
    throw new UnauthorizedException(
      presented
        ? 'The webhook token is not one this service knows. Check the URL configured in Qualified.'
        : 'A webhook token is required: in the URL path (/webhooks/qualified/<token>), the X-Webhook-Token header, or the token query parameter.',
    );
  }
}

function presentedToken(request: FastifyRequest): string | undefined {
  const params = request.params as { token?: string };
  const query = request.query as { token?: unknown };
  const header = request.headers['x-webhook-token'];
  return (
    params.token ??
    (typeof header === 'string' ? header : undefined) ??
    (typeof query.token === 'string' ? query.token : undefined)
  );
}
