import { AppError } from '../shared/errors';
import type { User } from '../shared/schemas/directory';
import type { AreaHandlers, ServiceContext } from './context';
import { coreOf, currentUser, type Core } from './core';
import { hashPassword, verifyPassword } from './password';
import { toLocalIso } from './time';

/** Five wrong passwords lock the account for 15 minutes (issue 3). */
export const MAX_FAILED_PASSWORDS = 5;
export const ACCOUNT_LOCK_MINUTES = 15;

function hhmm(iso: string): string {
  return iso.slice(11, 16);
}

/**
 * Checks a user's password, counting failures: the fifth wrong one in a row locks the account
 * for 15 minutes, and while locked even the right password is refused.
 */
export async function checkPassword(core: Core, user: User, password: string): Promise<void> {
  const cred = core.credentials.get(user.id);
  if (!cred) throw new AppError('BAD_CREDENTIALS', '用户名或密码错误。');
  const now = core.ctx.clock();
  if (cred.locked_until && Date.parse(cred.locked_until) > now.getTime()) {
    throw new AppError('ACCOUNT_LOCKED', `该账户因连续 ${MAX_FAILED_PASSWORDS} 次密码错误已被锁定，请于 ${hhmm(cred.locked_until)} 后再试。`);
  }
  if (await verifyPassword(password, cred.hash)) {
    if (cred.failed_count > 0 || cred.locked_until) core.write(() => core.credentials.setFailures(user.id, 0, null));
    return;
  }
  const failures = core.write(() => {
    const latest = core.credentials.get(user.id);
    const count = (latest?.failed_count ?? 0) + 1;
    if (count >= MAX_FAILED_PASSWORDS) {
      const until = toLocalIso(new Date(now.getTime() + ACCOUNT_LOCK_MINUTES * 60_000));
      core.credentials.setFailures(user.id, 0, until);
      return { locked: until as string | undefined, left: 0 };
    }
    core.credentials.setFailures(user.id, count, null);
    return { locked: undefined, left: MAX_FAILED_PASSWORDS - count };
  });
  if (failures.locked) {
    throw new AppError('ACCOUNT_LOCKED', `密码连续错误 ${MAX_FAILED_PASSWORDS} 次，账户已锁定 ${ACCOUNT_LOCK_MINUTES} 分钟（至 ${hhmm(failures.locked)}）。`);
  }
  throw new AppError('BAD_CREDENTIALS', `用户名或密码错误。再错 ${failures.left} 次账户将被锁定 ${ACCOUNT_LOCK_MINUTES} 分钟。`);
}

export function authHandlers(ctx: ServiceContext): AreaHandlers<'auth'> {
  const core = coreOf(ctx);
  return {
    'auth:login': async (input, call) => {
      core.requireTerminalUnit();
      const candidates = core.dir.usersNamed(input.username).filter((u) => core.credentials.get(u.id));
      const user = candidates[0];
      if (!user) throw new AppError('BAD_CREDENTIALS', '用户名或密码错误。');
      if (user.disabled) throw new AppError('ACCOUNT_DISABLED', '该账户已停用，请联系管理员。');
      await checkPassword(core, user, input.password);
      core.sessions.start(call.channel, user.id);
      return core.sessions.view(call.channel)!;
    },
    'auth:logout': (_input, call) => {
      core.sessions.end(call.channel);
      return {};
    },
    'auth:session': (_input, call) => core.sessions.view(call.channel),
    'auth:lock': (_input, call) => {
      core.sessions.sessionUser(call.channel);
      core.sessions.lock(call.channel);
      return {};
    },
    'auth:unlock': async (input, call) => {
      const user = core.sessions.sessionUser(call.channel);
      const full = core.dir.user(user.id)!;
      try {
        await checkPassword(core, full, input.password);
      } catch (e) {
        // A locked account also ends the locked session: the next person starts from log-in.
        if (e instanceof AppError && e.code === 'ACCOUNT_LOCKED') core.sessions.end(call.channel);
        throw e;
      }
      core.sessions.unlock(call.channel);
      return core.sessions.view(call.channel)!;
    },
    'auth:changePassword': async (input, call) => {
      const user = currentUser(ctx, call);
      await checkPassword(core, core.dir.user(user.id)!, input.oldPassword);
      if (input.oldPassword === input.newPassword) throw new AppError('SAME_PASSWORD', '新密码不能与原密码相同。');
      const hash = await hashPassword(input.newPassword, ctx.passwordLogN);
      core.write(() => core.credentials.setHash(user.id, hash, core.now()));
      return {};
    },
  };
}
