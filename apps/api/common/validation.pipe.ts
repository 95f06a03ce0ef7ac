import { ValidationError, ValidationPipe } from '@nestjs/common';

import type { FieldError } from '../../../libs/domain/field-error';
import { AppError } from './app-error';

function flatten(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((e) => {
    const field = parent ? `${parent}.${e.property}` : e.property;
    // class-validator starts its messages with the property's name; the field is named separately here.
    const prefix = new RegExp(`^(property )?${e.property.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} `);
    const own = Object.values(e.constraints ?? {}).map((message) => ({ field, message: message.replace(prefix, '') }));
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

/** The global pipe (STYLE 9): unknown fields are refused, and every error names its field. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => AppError.validation(flatten(errors)),
  });
}
