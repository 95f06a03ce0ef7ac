import { Injectable, PipeTransform } from '@nestjs/common';

import { isValidYear, MAX_YEAR, MIN_YEAR } from '../../../libs/domain/calendar';
import { AppError } from '../common/app-error';

/** `:year` in a path: a whole number in the range a cycle may have, else 400 naming `year`. */
@Injectable()
export class ParseYearPipe implements PipeTransform<string, number> {
  transform(value: string): number {
    const year = /^\d{4}$/.test(value) ? Number(value) : NaN;
    if (!isValidYear(year))
      throw AppError.validation([{ field: 'year', message: `must be a year from ${MIN_YEAR} to ${MAX_YEAR}` }]);
    return year;
  }
}
