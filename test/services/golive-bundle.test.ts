import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src-main/services/demo/demo-data';
import { auditLog, rebuildAll } from '../../src-main/services/maintenance';
import { useTempDirs } from '../helpers/temp-dir';
import { ADMIN_PASSWORD, makeFixture, setUpTerminal, type Fixture } from './fixtures';
import { APPLICATION } from './golive-flow';

const tempDir = useTempDirs();

async function trust(self: Fixture, other: Fixture, dir: string, name: string): Promise<void> {
  const key = await other.ok('exchange:ownKey', {});
  const path = join(dir, `${name}.cdkey`);
  writeFileSync(path, key.keyFileText);
  const preview = await self.ok('exchange:readPeerKey', { path });
  await self.ok('exchange:addPeer', { path, confirmFingerprint: preview.fingerprint });
}

// The go-live's events are ordinary signed events: a bundle carries them from the project
// team's terminal (unit DEV) to the ops centre's (unit OPS) and back, like the change form's.
describe('a go-live carried by bundle from the project team’s terminal to the ops centre’s', () => {
  it('arrives as on its origin, goes on at the ops centre, and the answer comes back', async () => {
    const dir = tempDir();
    const a = makeFixture(tempDir());
    await a.ok('setup:init', { unitCode: 'DEV', unitName: '科技信息部软件开发中心', unitKind: 'dev', adminUsername: 'admin', adminName: '管理员', adminPassword: ADMIN_PASSWORD });
    await a.ok('auth:login', { username: 'admin', password: ADMIN_PASSWORD });
    // Each terminal knows only its own people; the other unit's arrive with its bundle (the
    // exchange's AuthorCheck takes a unit's set-up events as its bootstrap only then).
    await a.ok('directory:saveUnit', { code: 'RETAIL', name: '零售业务部', kind: 'business' });
    await a.ok('directory:saveUser', { username: 'yangfan', name: '杨帆', unitCode: 'DEV', roles: ['project_manager'], password: DEMO_PASSWORD });
    await a.ok('directory:saveUser', { username: 'lisi', name: '李四', unitCode: 'RETAIL', roles: ['dept_head'], password: DEMO_PASSWORD });
    for (const u of ['yangfan', 'lisi']) await a.ok('auth:login', { username: u, password: DEMO_PASSWORD }, u);
    const { state } = await a.ok('golive:create', APPLICATION, 'yangfan');
    await a.ok('golive:recordTestReport', { formId: state.formId, reportTitle: '用户测试验收报告', conclusion: '通过', passed: true }, 'lisi');
    const sent = await a.ok('golive:submit', { formId: state.formId }, 'yangfan');
    expect(sent.state).toMatchObject({ formNo: 'SX-DEV-2026-0001', state: 'pending_pmo' });

    const b = makeFixture(tempDir());
    await setUpTerminal(b);
    await b.ok('directory:saveUnit', { code: 'PMO', name: '科技信息部项目管理科', kind: 'pmo' });
    await b.ok('directory:saveUser', { username: 'xuli', name: '许丽', unitCode: 'PMO', roles: ['pmo_reviewer'], password: DEMO_PASSWORD });
    await b.ok('auth:login', { username: 'xuli', password: DEMO_PASSWORD }, 'xuli');
    await trust(a, b, dir, 'ops');
    await trust(b, a, dir, 'dev');

    const there = join(dir, 'dev-to-ops.cdbundle');
    await a.ok('exchange:export', { to: 'OPS', path: there });
    const [item] = await b.ok('exchange:import', { paths: [there] });
    expect(item, JSON.stringify(item)).toMatchObject({ ok: true, outcome: 'applied' });

    const atOps = await b.ok('project:get', { formId: state.formId }, 'xuli');
    expect(atOps.state).toEqual(sent.state);
    expect(atOps.timeline.map((t) => [t.label, t.authorName])).toEqual([
      ['新建申请', '杨帆'],
      ['业务部门负责人签署测试验收报告', '李四'],
      ['提交项目管理科审核', '杨帆'],
    ]);
    expect((await b.ok('project:inbox', {}, 'xuli')).groups[0]?.rows.map((r) => r.formNo)).toEqual(['SX-DEV-2026-0001']);
    const reviewed = await b.ok('golive:pmoReview', { formId: state.formId, agree: true, opinion: '同意' }, 'xuli');
    expect(reviewed.state.state).toBe('pending_it_review');

    const back = join(dir, 'ops-to-dev.cdbundle');
    await b.ok('exchange:export', { to: 'DEV', path: back });
    const [answer] = await a.ok('exchange:import', { paths: [back] });
    expect(answer, JSON.stringify(answer)).toMatchObject({ ok: true, outcome: 'applied' });
    const atDev = await a.ok('project:get', { formId: state.formId }, 'yangfan');
    expect(atDev.state).toEqual(reviewed.state);
    expect(atDev.timeline.at(-1)).toMatchObject({ label: '项目管理科审核', authorName: '许丽' });

    for (const f of [a, b]) {
      expect(auditLog(f.db, f.dataDir)).toMatchObject({ ok: true });
      const before = f.db.prepare('SELECT * FROM project_form').all();
      rebuildAll(f.db);
      expect(f.db.prepare('SELECT * FROM project_form').all()).toEqual(before);
    }
  });
});
