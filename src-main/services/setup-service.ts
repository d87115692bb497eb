import { randomUUID } from 'node:crypto';
import { AppError } from '../shared/errors';
import type { UnitRef } from '../shared/schemas/identity';
import { DIR_EVENTS, type UnitPayload, type UserPayload } from '../store/directory';
import { generateUnitKeyPair, keyFingerprint } from '../store/event-codec';
import { writeUnitKey } from '../store/unit-key';
import type { AreaHandlers, ServiceContext } from './context';
import { coreOf } from './core';
import { hashPassword } from './password';

/** Hook for the demo data: setup:init with loadDemo runs it after the terminal exists. */
export type DemoLoader = (ctx: ServiceContext, admin: { id: string }) => Promise<void>;

export function setupHandlers(ctx: ServiceContext, loadDemo?: DemoLoader): AreaHandlers<'setup'> {
  const core = coreOf(ctx);
  return {
    'setup:status': () => {
      const unit = core.terminalUnit();
      return unit ? { setUp: true, unit } : { setUp: false };
    },
    'setup:init': async (input) => {
      if (core.terminalUnit()) throw new AppError('ALREADY_SET_UP', '本终端已完成初始设置，不能再次设置。');
      const hash = await hashPassword(input.adminPassword, ctx.passwordLogN);
      const keys = generateUnitKeyPair();
      const unit: UnitRef = { code: input.unitCode, name: input.unitName, kind: input.unitKind };
      const adminId = randomUUID();
      core.write(() => {
        // Checked again under the write lock: two first-run set-ups cannot both win.
        if (core.terminalUnit()) throw new AppError('ALREADY_SET_UP', '本终端已完成初始设置，不能再次设置。');
        writeUnitKey(ctx.dataDir, keys.privateKeyPem);
        ctx.db.prepare(`INSERT INTO setting (key, value) VALUES ('terminal.unit', ?)`).run(JSON.stringify(unit));
        // The unit's first event introduces its public key; every later event is checked against it.
        const unitPayload: UnitPayload = { ...unit, publicKey: keys.publicKeyPem };
        core.appendDirectory({ id: adminId }, 'admin', DIR_EVENTS.unit, unitPayload);
        const admin: UserPayload = {
          id: adminId,
          username: input.adminUsername,
          name: input.adminName,
          unitCode: unit.code,
          roles: ['admin'],
          disabled: false,
        };
        core.appendDirectory({ id: adminId }, 'admin', DIR_EVENTS.user, admin);
        core.credentials.setHash(adminId, hash, core.now());
      });
      if (input.loadDemo) {
        if (!loadDemo) throw new AppError('NO_DEMO', '本程序未包含演示数据。');
        await loadDemo(ctx, { id: adminId });
      }
      return { unit, fingerprint: keyFingerprint(keys.publicKeyPem) };
    },
  };
}
