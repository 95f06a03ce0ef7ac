import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Repository } from 'typeorm';

import type { FieldError } from '../../../libs/domain/field-error';
import { actingRoleOf } from '../../../libs/domain/people';
import { ROLES } from '../../../libs/domain/roles';
import { AgencyEntity, ApiKeyEntity, NetworkEntity, PersonEntity } from '../../../libs/persistence/entities';
import { generateApiKey, hashApiKey } from '../../../libs/persistence/seeds/seed';
import { AppError } from '../common/app-error';
import { ErrorCode } from '../common/error-code';
import { UUID } from '../common/uuid';
import { isoOrNull } from '../common/iso';
import type { IssuedKeyWithSecretDto, IssueKeyDto, KeyDto } from './key.dto';

const MAX_LIFETIME_MS = 5 * 366 * 86_400_000;

/** A network's API keys: issued, listed, rotated and revoked by its coordinator or the platform administrator. */
@Injectable()
export class KeysService {
  constructor(
    @InjectRepository(ApiKeyEntity) private readonly keys: Repository<ApiKeyEntity>,
    @InjectRepository(AgencyEntity) private readonly agencies: Repository<AgencyEntity>,
    @InjectRepository(NetworkEntity) private readonly networks: Repository<NetworkEntity>,
    @InjectRepository(PersonEntity) private readonly people: Repository<PersonEntity>,
  ) {}

  async list(network: string): Promise<{ items: KeyDto[] }> {
    await this.network(network);
    const rows = await this.keys.find({ where: { networkCode: network }, order: { createdAt: 'ASC', id: 'ASC' } });
    return { items: rows.map(toDto) };
  }

  /** A new key, shown once. An agency key acts for a current member; a coordinator key for the coordinating agency. */
  async issue(network: string, dto: IssueKeyDto): Promise<IssuedKeyWithSecretDto> {
    const { coordinatorAgency } = await this.network(network);
    const errors: FieldError[] = [];
    let agency: string | null = null;
    let role = dto.role;
    const person = dto.person ? await this.people.findOneBy({ id: dto.person, networkCode: network }) : undefined;
    if (dto.person) {
      // A person's key acts as the person: its role and agency are theirs, not the request's.
      if (dto.role) errors.push({ field: 'role', message: "a person's key acts in the person's part: send no role" });
      if (dto.agency)
        errors.push({ field: 'agency', message: "a person's key acts for the person's agency: send none" });
      if (!person) errors.push({ field: 'person', message: 'must be a person of the Network' });
      else if (!person.active) errors.push({ field: 'person', message: `${person.name} is not active` });
      else {
        role = actingRoleOf(person.role);
        agency = person.agencyCode;
      }
    } else if (!dto.role)
      errors.push({ field: 'role', message: `must be one of ${ROLES.join(', ')}, or name the person whose key it is` });
    else if (dto.role === 'agency') {
      if (!dto.agency) errors.push({ field: 'agency', message: 'must name the member agency an agency key acts for' });
      else if (!(await this.agencies.findOneBy({ networkCode: network, code: dto.agency, leftAt: IsNull() })))
        errors.push({ field: 'agency', message: `must be a member agency of the Network` });
      else agency = dto.agency;
    } else if (dto.role === 'coordinator') {
      if (dto.agency && dto.agency !== coordinatorAgency)
        errors.push({ field: 'agency', message: `a coordinator key acts for ${coordinatorAgency}, which coordinates` });
      agency = coordinatorAgency;
    } else if (dto.agency) errors.push({ field: 'agency', message: `an ${dto.role} key acts for no agency` });
    const expiresAt = dto.expiresAt ? new Date(dto.expiresAt) : null;
    if (expiresAt && expiresAt.getTime() <= Date.now())
      errors.push({ field: 'expiresAt', message: 'must be in the future' });
    else if (expiresAt && expiresAt.getTime() > Date.now() + MAX_LIFETIME_MS)
      errors.push({ field: 'expiresAt', message: 'must be within five years' });
    const label = dto.label.trim();
    if (label === '') errors.push({ field: 'label', message: 'must not be blank' });
    else if (label.startsWith('seed:') || label.startsWith('rotated:'))
      errors.push({ field: 'label', message: "must not begin with 'seed:' or 'rotated:', which name the seeded keys" });
    if (errors.length > 0) throw AppError.validation(errors);
    return this.insert(network, {
      label,
      role: role!,
      agencyCode: agency,
      personId: person?.id ?? null,
      scope: dto.scope ?? 'read-write',
      expiresAt,
      replaces: null,
    });
  }

  /** A new key in the place of `id` (same label, role, agency, scope and expiry); `id` is revoked in the same step. */
  async rotate(network: string, id: string): Promise<IssuedKeyWithSecretDto> {
    const old = await this.key(network, id);
    if (old.expiresAt && old.expiresAt.getTime() <= Date.now())
      throw new AppError(ErrorCode.KEY_REVOKED, `Key ${id} expired on ${old.expiresAt.toISOString()}: issue a new one`);
    if (old.revokedAt)
      throw new AppError(
        ErrorCode.KEY_REVOKED,
        `Key ${id} was revoked on ${old.revokedAt.toISOString()}: issue a new one`,
      );
    return this.keys.manager.transaction(async (tx) => {
      // Only one rotation of a key wins: the other finds it revoked.
      const revoked = await tx
        .getRepository(ApiKeyEntity)
        .update({ id, networkCode: network, revokedAt: IsNull() }, { revokedAt: new Date() });
      if (revoked.affected !== 1) throw new AppError(ErrorCode.KEY_REVOKED, `Key ${id} was revoked meanwhile`);
      return this.insert(
        network,
        {
          // A seeded key's replacement is no longer the seed's: `npm start` re-issuing the seed keys leaves it alone.
          label: old.label.startsWith('seed:') ? `rotated:${old.label.slice('seed:'.length)}` : old.label,
          role: old.role,
          agencyCode: old.agencyCode,
          personId: old.personId,
          scope: old.scope,
          expiresAt: old.expiresAt,
          replaces: old.id,
        },
        tx.getRepository(ApiKeyEntity),
      );
    });
  }

  /** Stops the key at once; sent again, it keeps the first date. */
  async revoke(network: string, id: string): Promise<KeyDto> {
    await this.key(network, id);
    await this.keys.update({ id, networkCode: network, revokedAt: IsNull() }, { revokedAt: new Date() });
    return toDto(await this.key(network, id));
  }

  private async insert(
    network: string,
    row: Pick<ApiKeyEntity, 'label' | 'role' | 'agencyCode' | 'personId' | 'scope' | 'expiresAt' | 'replaces'>,
    repo = this.keys,
  ): Promise<IssuedKeyWithSecretDto> {
    const key = generateApiKey(network);
    const saved = await repo.save(repo.create({ ...row, networkCode: network, keyHash: hashApiKey(key) }));
    return { ...toDto(saved), key };
  }

  private async network(code: string): Promise<NetworkEntity> {
    const row = await this.networks.findOneBy({ code });
    if (!row) throw new AppError(ErrorCode.NETWORK_NOT_FOUND, `Network "${code}" does not exist`);
    return row;
  }

  private async key(network: string, id: string): Promise<ApiKeyEntity> {
    if (!UUID.test(id)) throw AppError.validation([{ field: 'id', message: 'must be a key id (a UUID)' }]);
    const row = await this.keys.findOneBy({ id, networkCode: network });
    if (!row) throw new AppError(ErrorCode.KEY_NOT_FOUND, `Network "${network}" has no key ${id}`);
    return row;
  }
}

function toDto(k: ApiKeyEntity): KeyDto {
  return {
    id: k.id,
    label: k.label,
    role: k.role,
    agency: k.agencyCode,
    person: k.personId,
    scope: k.scope,
    createdAt: k.createdAt.toISOString(),
    expiresAt: isoOrNull(k.expiresAt),
    lastUsedAt: isoOrNull(k.lastUsedAt),
    revokedAt: isoOrNull(k.revokedAt),
    replaces: k.replaces,
  };
}
