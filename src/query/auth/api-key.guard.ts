import {
  ForbiddenException,
  Injectable,
  UnauthorizedException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { ACCESS, type Access } from '../../platform/auth/access.decorators.js';
import { ApiKeys } from './api-keys.js';

/** With keys configured, every route needs `Authorization: Bearer <key>`; admin routes an admin key. */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly keys: ApiKeys,
    private readonly reflector: Reflector,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const access = this.reflector.getAllAndOverride<Access | undefined>(ACCESS, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (this.keys.open || access === 'public') return true;
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const presented = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
    if (!presented) {
      throw new UnauthorizedException('An API key is required: Authorization: Bearer <key>');
    }
    const key = this.keys.match(presented);
    if (!key) throw new UnauthorizedException('The API key is not one this service knows');
    if (access === 'admin' && !key.admin) {
      throw new ForbiddenException(`The key "${key.name}" is not an admin key`);
    }
    return true;
  }
}
