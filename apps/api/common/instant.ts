import { applyDecorators } from '@nestjs/common';
import { IsISO8601, Matches } from 'class-validator';

/** The end of an ISO-8601 date-time that names its offset. */
const WITH_OFFSET = /(Z|[+-]\d{2}:\d{2})$/;

/** An instant given as an ISO-8601 date-time with its offset: a bare local time would be another instant elsewhere. */
export function IsInstant(): PropertyDecorator {
  return applyDecorators(
    IsISO8601({ strict: true }, { message: 'must be an ISO-8601 date-time' }),
    Matches(WITH_OFFSET, {
      message: 'must carry an offset (Z or ±hh:mm): a bare local time means another instant elsewhere',
    }),
  );
}
