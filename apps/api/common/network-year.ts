import { applyDecorators } from '@nestjs/common';
import { IsInt, Max, Min } from 'class-validator';

import { MAX_YEAR, MIN_YEAR } from '../../../libs/domain/calendar';

/**
 * A Network year as every route checks it: an integer from the Network's first year to MAX_YEAR, the refusal naming
 * why. (Applied in the order stacked decorators `@IsInt() @Min() @Max()` would be, so the messages keep their order.)
 */
export const IsNetworkYear = () =>
  applyDecorators(
    Max(MAX_YEAR, { message: `must be ${MAX_YEAR} or earlier` }),
    Min(MIN_YEAR, { message: `must be ${MIN_YEAR} or later` }),
    IsInt({ message: 'must be an integer' }),
  );
