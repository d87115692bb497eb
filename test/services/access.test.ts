import { describe, expect, it } from 'vitest';
import { coreOf } from '../../src-main/services';
import { loadDemoData } from '../../src-main/services/demo/demo-data';
import { VERBS } from '../../src-main/domain';
import { callNames, isPublicCall } from '../../src-main/shared/api';
import { CHANGE_COMMAND_NAMES, type ChangeCommandName } from '../../src-main/shared/schemas/change-form';
import { useTempDirs } from '../helpers/temp-dir';
import { makeFixture, setUpTerminal } from './fixtures';

const tempDir = useTempDirs();

describe('access to every call of the contract', () => {
  it('refuses every non-public call without log-in, whatever the input', async () => {
    const f = makeFixture(tempDir());
    await setUpTerminal(f);
    const guarded = callNames.filter((n) => !isPublicCall(n));
    expect(guarded.length).toBeGreaterThan(40);
    for (const name of guarded) {
      expect([name, await f.refused(name, {}, 'stranger')]).toEqual([name, 'NOT_LOGGED_IN']);
      expect([name, await f.refused(name, { formId: 'x', junk: true }, 'stranger')]).toEqual([name, 'NOT_LOGGED_IN']);
    }
    expect(guarded.some((n) => n.startsWith('app:'))).toBe(false);
  });

  it('refuses the directory and settings writes to anyone but an administrator (or, for settings, the ops head)', async () => {
    const f = makeFixture(tempDir());
    await setUpTerminal(f);
    await loadDemoData(f.ctx, coreOf(f.ctx).dir.usersNamed('admin')[0]!);
    await f.ok('auth:login', { username: 'zhangsan', password: 'demo-2026' }, 'zs');
    await f.ok('auth:login', { username: 'zhaoliu', password: 'demo-2026' }, 'head');
    const settings = await f.ok('settings:get', {}, 'zs');
    expect(await f.refused('directory:saveUnit', { code: 'NEWU', name: '新单位', kind: 'business' }, 'zs')).toBe('FORBIDDEN');
    expect(await f.refused('directory:saveUser', { username: 'x1', name: 'x', unitCode: 'RETAIL', roles: ['applicant'], password: '12345678' }, 'head')).toBe(
      'FORBIDDEN',
    );
    expect(await f.refused('directory:saveSystem', { code: 'X', name: 'x', class: '管理信息系统', ownerUnit: 'OPS' }, 'zs')).toBe('FORBIDDEN');
    expect(await f.refused('settings:save', settings, 'zs')).toBe('FORBIDDEN');
    expect(await f.refused('settings:importCalendarYear', { year: 2027, restDays: ['2027-01-01'], workdays: [] }, 'zs')).toBe('FORBIDDEN');
    await f.ok('settings:save', { ...settings, emergencyPaperworkWorkingDays: 5 }, 'head');
  });

  it('refuses every change verb to a user who holds none of its roles, on a form in a state where it applies', async () => {
    const f = makeFixture(tempDir());
    await setUpTerminal(f);
    await loadDemoData(f.ctx, coreOf(f.ctx).dir.usersNamed('admin')[0]!);
    const users = coreOf(f.ctx).dir.users().filter((u) => !u.roles.includes('admin'));
    for (const u of users) await f.ok('auth:login', { username: u.username, password: 'demo-2026' }, u.username);
    const formIn = (states: readonly string[]) =>
      f.db.prepare(`SELECT form_id FROM form WHERE state IN (${states.map(() => '?').join(',')}) LIMIT 1`).pluck().get(...states) as string | undefined;
    const tried: ChangeCommandName[] = [];
    for (const name of CHANGE_COMMAND_NAMES) {
      const verb = VERBS[name];
      const outsider = users.find((u) => !u.roles.some((r) => (verb.roles as readonly string[]).includes(r)) && u.unitCode !== 'RETAIL' && u.unitCode !== 'CORP');
      if (name === 'create') {
        expect(await f.refused('change:create', { title: 'x' }, outsider!.username)).toBe('FORBIDDEN_ROLE');
        continue;
      }
      const formId = formIn(verb.states);
      expect([name, formId !== undefined]).toEqual([name, true]);
      // A complete input, so that only the role can be what is refused.
      expect([name, await f.refused(`change:${name}`, { formId, ...sampleInput(name) }, outsider!.username)]).toEqual([name, 'FORBIDDEN_ROLE']);
      tried.push(name);
    }
    expect(tried.length).toBe(CHANGE_COMMAND_NAMES.length - 1);
  });
});

function sampleInput(name: ChangeCommandName): Record<string, unknown> {
  const t = '2026-11-28 01:00';
  const inputs: Partial<Record<ChangeCommandName, Record<string, unknown>>> = {
    withdraw: { reason: '取消' },
    recordWetSignature: { blockId: 'part1.applicant' },
    deptReturn: { opinion: '退回' },
    devAssess: { devOpinion: '可行' },
    assessmentReturn: { opinion: '退回' },
    recordItTest: { steps: 's', result: 'r', passed: true },
    recordPreReview: { opinion: 'o', agree: true },
    recordUserTest: { result: 'r', confirmed: true },
    recordNotice: { units: ['行长办公室', '客户服务中心'], scope: 's', period: 'p', noticeDate: '2026-11-28' },
    implReturn: { opinion: '退回' },
    reschedule: { reason: '改期' },
    recordResult: { outcome: '成功', actualStart: t, actualEnd: t },
    recordEvaluation: { goalMet: true, negativeImpact: false },
    postReview: { opinion: 'o', agree: true },
    addAttachment: { sha256: 'c'.repeat(64), name: '报告.pdf', size: 10 },
    removeAttachment: { sha256: 'c'.repeat(64), reason: '传错' },
    emergencyRequest: { reason: '故障' },
    emergencyAuthorise: { mode: '口头', authorisedAt: t },
    emergencyDecline: { reason: '不同意' },
    recordBackup: { programBackup: 'p', dataBackup: 'd', backupAt: t },
    emergencyImplement: { implementedAt: t, testedBefore: true, outcome: '成功' },
    recordRetest: { steps: 's', result: 'r', passed: true },
  };
  return inputs[name] ?? {};
}
