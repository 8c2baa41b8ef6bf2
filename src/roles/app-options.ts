import type { LogLevel } from '@nestjs/common';

export interface AppOptions {
  logger?: LogLevel[] | false;
}
