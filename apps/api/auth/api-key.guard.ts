import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { InjectRepository } from '@nestjs/typeorm';
import type { Request } from 'express';
import { Repository } from 'typeorm';

import type { Role } from '../../../libs/domain/roles';
import { AgencyEntity, ApiKeyEntity, NetworkEntity } from '../../../libs/persistence/entities';
import { hashApiKey } from '../../../libs/persistence/seeds/seed';
import { AppError } from '../common/app-error';
import { ErrorCode } from '../common/error-code';
import { ALLOWED_ROLES, PUBLIC_ROUTE } from './auth.decorators';

const BEARER = /^Bearer\s+(\S+)\s*$/i;

/**
 * Global guard: 401 without a valid key; 404 for an unknown network; 403 when the key belongs to another network
 * or its role may not call the route, or its agency has left the network. It puts the caller on the request.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @InjectRepository(ApiKeyEntity) private readonly keys: Repository<ApiKeyEntity>,
    @InjectRepository(NetworkEntity) private readonly networks: Repository<NetworkEntity>,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const req = context.switchToHttp().getRequest<Request>();

    const token = BEARER.exec(req.header('authorization') ?? '')?.[1];
    if (!token) throw new AppError(ErrorCode.UNAUTHENTICATED, 'Send an API key as "Authorization: Bearer <key>"');
    // The key and, in the same query, whether its agency has left the network.
    const { entities, raw } = await this.keys
      .createQueryBuilder('k')
      .leftJoin(AgencyEntity, 'a', 'a.network_code = k.network_code AND a.code = k.agency_code')
      .addSelect('a.left_at', 'agency_left_at')
      .where('k.key_hash = :hash AND k.revoked_at IS NULL', { hash: hashApiKey(token) })
      .getRawAndEntities<{ agency_left_at: Date | null }>();
    const key = entities[0];
    if (!key) throw new AppError(ErrorCode.UNAUTHENTICATED, 'The API key is not valid or has been revoked');
    req.principal = { keyId: key.id, network: key.networkCode, role: key.role, agency: key.agencyCode ?? undefined };
    const leftAt = raw[0]?.agency_left_at;
    if (key.role === 'agency' && leftAt) throw new AppError(ErrorCode.FORBIDDEN, `${key.agencyCode} left the Network on ${new Date(leftAt).toISOString()}; its keys no longer act for it`);

    const network = req.params.network;
    if (typeof network === 'string') {
      if (!(await this.networks.existsBy({ code: network }))) {
        throw new AppError(ErrorCode.NETWORK_NOT_FOUND, `Network "${network}" does not exist`);
      }
      if (network !== key.networkCode) {
        throw new AppError(ErrorCode.FORBIDDEN, `This API key belongs to network "${key.networkCode}", not "${network}"`);
      }
    }
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ALLOWED_ROLES, targets);
    if (roles && !roles.includes(key.role)) {
      throw new AppError(ErrorCode.FORBIDDEN, `Role "${key.role}" may not do this; it needs: ${roles.join(' or ')}`);
    }
    return true;
  }
}
