import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Request } from 'express';

import type { Role } from '../../../libs/domain/roles';
import type { Principal } from './principal';

export const PUBLIC_ROUTE = Symbol('mignet.public');
export const ALLOWED_ROLES = Symbol('mignet.roles');
export const PLATFORM_ROUTE = Symbol('mignet.platform');
export const ALSO_PLATFORM = Symbol('mignet.also-platform');

/** No API key needed (health). */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);

/** Only a platform administrator's key may call the route (and such a key no other route). */
export const PlatformAdministration = () => SetMetadata(PLATFORM_ROUTE, true);

/** The platform administrator's key may call this network route too (a network's keys: administration, not content). */
export const AlsoPlatformAdministration = () => SetMetadata(ALSO_PLATFORM, true);

/** Only these roles may call the route; without it every role of the network may. */
export const Roles = (...roles: Role[]) => SetMetadata(ALLOWED_ROLES, roles);

/** The caller, as the guard resolved it. */
export const CurrentPrincipal = createParamDecorator((_: unknown, ctx: ExecutionContext): Principal => {
  const principal = ctx.switchToHttp().getRequest<Request>().principal;
  if (!principal) throw new Error('CurrentPrincipal used on a public route');
  return principal;
});
