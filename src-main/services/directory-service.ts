import { randomUUID } from 'node:crypto';
import { AppError } from '../shared/errors';
import type { z } from 'zod';
import type { SaveUserInput as SaveUserInputSchema, User } from '../shared/schemas/directory';
import { ROLES, roleLabel, UNIT_KINDS, type RoleCode } from '../shared/schemas/roles';
import { DIR_EVENTS, type UserPayload } from '../store/directory';
import type { AreaHandlers, ServiceContext } from './context';
import { coreOf, currentUser, requireRole, type Core } from './core';
import { hashPassword } from './password';

/** Directory writes are the administrator's (issue 3, core-interface.md). */
const ADMIN: readonly RoleCode[] = ['admin'];

export type SaveUserInput = z.output<typeof SaveUserInputSchema>;

/** Saves one user as a signed directory event (inside the caller's transaction); the hash, if any, stays local. */
export function saveUserRecord(core: Core, admin: { id: string }, input: SaveUserInput, hash: string | undefined): User {
  const existing = input.id ? core.dir.user(input.id) : undefined;
  if (input.id && !existing) throw new AppError('NOT_FOUND', `没有编号为 ${input.id} 的用户。`);
  const unit = core.dir.unit(input.unitCode);
  if (!unit) throw new AppError('NOT_FOUND', `没有代码为 ${input.unitCode} 的单位，请先添加该单位。`);
  const roles = [...new Set(input.roles)];
  // domain.md, Who: each role belongs to a kind of unit (the program's own admin to any).
  for (const r of roles) {
    const kind = ROLES[r].unit;
    if (kind !== null && kind !== unit.kind) {
      throw new AppError(
        'ROLE_NOT_IN_UNIT',
        `角色「${roleLabel(r)}」属于${UNIT_KINDS[kind]}，不能授予${UNIT_KINDS[unit.kind]}「${unit.name}」的人员。`,
        { roles: '角色与所属单位不符' },
      );
    }
  }
  const clash = core.dir.usersNamed(input.username).find((u) => u.id !== existing?.id);
  if (clash) throw new AppError('USERNAME_TAKEN', `用户名「${input.username}」已被使用。`, { username: '用户名已被使用' });
  if (!existing && !hash) throw new AppError('PASSWORD_REQUIRED', '新用户须设置初始密码。', { password: '请设置初始密码' });
  const disabled = input.disabled ?? existing?.disabled ?? false;
  if (existing?.roles.includes('admin') && (!roles.includes('admin') || disabled)) {
    const otherAdmins = core.dir.users().filter((u) => u.id !== existing.id && u.roles.includes('admin') && !u.disabled);
    if (otherAdmins.length === 0) throw new AppError('LAST_ADMIN', '不能停用或撤销最后一位管理员。');
  }
  const payload: UserPayload = {
    id: existing?.id ?? randomUUID(),
    username: input.username,
    name: input.name,
    unitCode: input.unitCode,
    roles,
    disabled,
  };
  core.appendDirectory(admin, 'admin', DIR_EVENTS.user, payload);
  if (hash) core.credentials.setHash(payload.id, hash, core.now());
  return core.dir.user(payload.id)!;
}

export function directoryHandlers(ctx: ServiceContext): AreaHandlers<'directory'> {
  const core = coreOf(ctx);

  function withLockState(u: User): User {
    const cred = core.credentials.get(u.id);
    if (cred?.locked_until && Date.parse(cred.locked_until) > ctx.clock().getTime()) return { ...u, lockedUntil: cred.locked_until };
    return u;
  }

  return {
    'directory:units': (_input, call) => {
      currentUser(ctx, call);
      return core.dir.units(core.terminalUnit()?.code);
    },
    'directory:saveUnit': (input, call) => {
      const admin = requireRole(ctx, call, ADMIN);
      return core.write(() => {
        core.appendDirectory(admin, 'admin', DIR_EVENTS.unit, { code: input.code, name: input.name, kind: input.kind });
        return core.dir.unit(input.code, core.terminalUnit()?.code)!;
      });
    },
    'directory:users': (_input, call) => {
      currentUser(ctx, call);
      return core.dir.users().map(withLockState);
    },
    'directory:saveUser': async (input, call) => {
      const admin = requireRole(ctx, call, ADMIN);
      const hash = input.password ? await hashPassword(input.password, ctx.passwordLogN) : undefined;
      return core.write(() => withLockState(saveUserRecord(core, admin, input, hash)));
    },
    'directory:systems': (_input, call) => {
      currentUser(ctx, call);
      return core.dir.systems();
    },
    'directory:saveSystem': (input, call) => {
      const admin = requireRole(ctx, call, ADMIN);
      return core.write(() => {
        if (!core.dir.unit(input.ownerUnit)) throw new AppError('NOT_FOUND', `没有代码为 ${input.ownerUnit} 的单位。`, { ownerUnit: '单位不存在' });
        core.appendDirectory(admin, 'admin', DIR_EVENTS.system, { ...input });
        return core.dir.system(input.code)!;
      });
    },
  };
}
