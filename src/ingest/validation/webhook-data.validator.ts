import { plainToInstance, type ClassTransformOptions } from 'class-transformer';
import { validateSync, type ValidationError, type ValidatorOptions } from 'class-validator';
import type { ResourceKind } from '../../events/event-catalog.js';
import { AssessmentResultReviewDto } from './assessment-result-review.dto.js';
import { AssessmentResultDto } from './assessment-result.dto.js';
import { AssessmentDto } from './assessment.dto.js';
import { ChallengeDto } from './challenge.dto.js';
import { describeValue } from './describe-value.js';
import { SolutionDto } from './solution.dto.js';
import { TeamCandidateDto } from './team-candidate.dto.js';

export interface FieldError {
  /** Path from the body, with array indices: `data.solutions[0].score`. */
  field: string;
  message: string;
}

/** The DTO of each documented resource; null for the undocumented ones, stored whatever they hold. */
const DTOS: Readonly<Record<ResourceKind, (new () => object) | null>> = {
  TeamCandidate: TeamCandidateDto,
  AssessmentResult: AssessmentResultDto,
  Solution: SolutionDto,
  AssessmentResultReview: AssessmentResultReviewDto,
  Challenge: ChallengeDto,
  Assessment: AssessmentDto,
  Note: null,
  PathwayResult: null,
  PathwayStepResult: null,
  ExternalEvidenceInvite: null,
  PathwayInterviewBooking: null,
};

const TRANSFORM: ClassTransformOptions = {
  // Only the fields the DTOs declare are copied: unknown fields are neither checked nor walked.
  excludeExtraneousValues: true,
  // A string "90" for a number must stay a string, and fail.
  enableImplicitConversion: false,
};

const VALIDATE: ValidatorOptions = {
  // One message per field; it also keeps nested validation off values of the wrong shape.
  stopAtFirstError: true,
  validationError: { target: false, value: true },
};

/** Field errors in the `data` of a known event whose payload carries the resource; [] when valid. */
export function validateWebhookData(resource: ResourceKind, data: unknown): FieldError[] {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return [{ field: 'data', message: `must be an object (got ${describeValue(data)})` }];
  }
  const dto = DTOS[resource];
  if (dto === null) return [];

  const instance = plainToInstance(dto, data, TRANSFORM) as { id?: unknown };
  return [...requiredId(instance.id), ...toFieldErrors(validateSync(instance, VALIDATE), 'data')];
}

/** The DTOs allow a null or absent id because nested copies may lack one; the resource may not. */
function requiredId(id: unknown): FieldError[] {
  if (id !== undefined && id !== null && id !== '') return [];
  return [
    {
      field: 'data.id',
      message: `is required: must be a non-empty string (got ${describeValue(id)})`,
    },
  ];
}

function toFieldErrors(errors: ValidationError[], path: string, inArray = false): FieldError[] {
  return errors.flatMap((error) => {
    const field = inArray ? `${path}[${error.property}]` : `${path}.${error.property}`;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...toFieldErrors(error.children ?? [], field, Array.isArray(error.value))];
  });
}
