import type { DataSource } from 'typeorm';

import { PersonEntity } from '../../../libs/persistence/entities';
import type { Principal } from '../auth/principal';
import { AppError } from '../common/app-error';
import { ErrorCode } from '../common/error-code';
import { UUID } from '../common/uuid';

/**
 * The active person a route names, if the caller may manage what is theirs (their calendar feed, what they are told):
 * themself, or the coordinator. `what` says what, in the refusal.
 */
export async function ownPerson(
  ds: DataSource,
  network: string,
  id: string,
  by: Principal,
  what: string,
): Promise<PersonEntity> {
  if (!UUID.test(id)) throw AppError.validation([{ field: 'id', message: 'must be a person id (a UUID)' }]);
  const person = await ds.getRepository(PersonEntity).findOneBy({ id, networkCode: network });
  if (!person) throw new AppError(ErrorCode.PERSON_NOT_FOUND, `Network "${network}" has no person ${id}`);
  if (by.role !== 'coordinator' && by.personId !== id)
    throw new AppError(ErrorCode.FORBIDDEN, `A person manages their own ${what}; the coordinator anyone’s`);
  if (!person.active) throw AppError.validation([{ field: 'id', message: `${person.name} is not active` }]);
  return person;
}
