import { describe, expect, it } from 'vitest';
import { coreOf } from '../../src-main/services';
import { DEMO_PASSWORD, loadDemoDirectory } from '../../src-main/services/demo/demo-data';
import { auditLog, rebuildAll } from '../../src-main/services/maintenance';
import { projectForeignProjectEvents } from '../../src-main/services/project-intake';
import type { SignedEvent } from '../../src-main/shared/schemas/event';
import { isDirStream } from '../../src-main/store/directory';
import { rowToEvent, type EventRow } from '../../src-main/store/event-log';
import { useTempDirs } from '../helpers/temp-dir';
import { ADMIN_PASSWORD, makeFixture, withDemoDirectory } from './fixtures';
import { APPLICATION } from './golive-flow';

const tempDir = useTempDirs();

// The go-live's events are ordinary signed events: what a bundle carries from the project
// team's terminal (unit DEV) to the ops centre's (unit OPS) is the log's rows as signed. This
// test carries them by hand, as the exchange's importer does after verifying them.
describe('a go-live carried from the project team’s terminal to the ops centre’s', () => {
  it('arrives as signed, projects as on its origin, and goes on at the ops centre', async () => {
    const a = makeFixture(tempDir());
    await a.ok('setup:init', { unitCode: 'DEV', unitName: '科技信息部软件开发中心', unitKind: 'dev', adminUsername: 'admin', adminName: '管理员', adminPassword: ADMIN_PASSWORD });
    await a.ok('auth:login', { username: 'admin', password: ADMIN_PASSWORD });
    const coreA = coreOf(a.ctx);
    await loadDemoDirectory(coreA, coreA.dir.usersNamed('admin')[0]!, 12);
    for (const u of ['yangfan', 'lisi']) await a.ok('auth:login', { username: u, password: DEMO_PASSWORD }, u);
    const { state } = await a.ok('golive:create', APPLICATION, 'yangfan');
    await a.ok('golive:recordTestReport', { formId: state.formId, reportTitle: '用户测试验收报告', conclusion: '通过', passed: true }, 'lisi');
    const sent = await a.ok('golive:submit', { formId: state.formId }, 'yangfan');
    expect(sent.state).toMatchObject({ formNo: 'SX-DEV-2026-0001', state: 'pending_pmo' });

    const b = makeFixture(tempDir());
    const demo = await withDemoDirectory(b);
    await demo.login('xuli');
    const coreB = coreOf(b.ctx);
    const carried = (a.db.prepare(`SELECT * FROM event WHERE origin = 'DEV' ORDER BY seq`).all() as EventRow[]).map(rowToEvent);
    const taken = coreB.write(() => {
      const fresh: SignedEvent[] = [];
      for (const e of carried) {
        if (!coreB.log.insertSigned(e)) continue;
        if (isDirStream(e.formId)) coreB.dir.apply(e.type, e.payload);
        else fresh.push(e);
      }
      return projectForeignProjectEvents(b.ctx, fresh);
    });
    expect(taken).toBe(3);

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
    // The ops centre's own event extends the form's head from the other terminal.
    expect(coreB.log.streamEvents(state.formId).at(-1)?.parents).toEqual(sent.state.head);

    expect(auditLog(b.db, b.dataDir)).toMatchObject({ ok: true });
    const before = b.db.prepare('SELECT * FROM project_form').all();
    rebuildAll(b.db);
    expect(b.db.prepare('SELECT * FROM project_form').all()).toEqual(before);
  });
});
