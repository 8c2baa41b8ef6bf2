import { Controller, HttpCode, Post, Req, Res, UseGuards } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import { WebhookTokenGuard } from './auth/webhook-token.guard.js';
import { RecordWebhookCommand, type RecordedDelivery } from './record-webhook.command.js';

/** Receives Qualified's webhooks; every delivery is stored, whatever it is. */
@Controller('webhooks/qualified')
@UseGuards(WebhookTokenGuard)
export class WebhookController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(['', ':token'])
  @HttpCode(202)
  async receive(
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<object> {
    const recorded = await this.commandBus.execute(
      new RecordWebhookCommand({
        deliveryId: randomUUID(),
        receivedAt: new Date(),
        body: Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0),
        contentType: request.headers['content-type'],
        tokenName: request.webhookTokenName,
        userAgent: request.headers['user-agent'],
      }),
    );
    const { status, body } = toAnswer(recorded);
    void reply.status(status);
    return body;
  }
}

function toAnswer({ classified, record, outcome }: RecordedDelivery) {
  const stored = { eventId: record.event.id, type: record.event.type, stream: record.stream };
  switch (classified.outcome) {
    case 'recognised':
      return { status: 202, body: { ...stored, ...outcome } };
    case 'unrecognised':
      return {
        status: 202,
        body: {
          ...stored,
          ...outcome,
          message: `Stored, but this version does not know the event "${classified.eventName}"; it is kept for a later version to project.`,
        },
      };
    case 'rejected':
      return {
        status: classified.status,
        body: {
          statusCode: classified.status,
          error: REJECTED_ERRORS[classified.status],
          message: classified.message,
          errors: classified.errors,
          kept: { ...stored, ...outcome },
        },
      };
  }
}

const REJECTED_ERRORS = {
  400: 'Bad Request',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
} as const;
