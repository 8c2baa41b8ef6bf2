import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString } from 'class-validator';

export class DeadLettersParams {
  @ApiPropertyOptional({ description: 'Only this projection', example: 'team-candidates' })
  @IsOptional()
  @IsString()
  projection?: string;
}
