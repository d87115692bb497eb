import { describe, expect, it } from 'vitest';
import { auditLog, rebuildAll } from '../../src-main/services/maintenance';
import type { Reminder } from '../../src-main/shared/schemas/supervision';
import { pdfText } from '../pdf/pdf-tools';
import { useTempDirs } from '../helpers/temp-dir';
import { dumpProjections, makeFixture } from './fixtures';
import { makeDriver } from './supervision-drive';

const tempDir = useTempDirs();

const titles = (items: Reminder[]) => items.map((r) => `${r.severity}:${r.title}`);

describe('supervision: weekly review (§17(1)), inspections (§36), completeness, reminders', () => {
  it('lists what is due or overdue for each role, and each clears once it is done', async () => {
    const f = makeFixture(tempDir());
    const d = await makeDriver(f);
    // S: an ordinary change planned for Thursday 2026-12-03 22:00 (week 2026-W49); E: an
    // emergency change implemented on Monday 2026-11-30 without a test beforehand (§24).
    const planS = { title: 'S 网银限额配置', changeType: '系统配置修改' as const };
    const S = await d.drive(planS, 'RETAIL', '2026-11-30T09:00:00+08:00', 'scheduled');
    expect(S.part3.plannedStart).toBe('2026-12-03T22:00+08:00');
    const planE = { title: 'E 年费扣收修复', changeType: '系统错误修正' as const, emergency: true, testedBefore: false };
    const E = await d.drive(planE, 'RETAIL', '2026-11-30T14:00:00+08:00', 'emergency_followup');

    // Tuesday of W49: the week's plan was not reviewed by its Monday.
    f.clock.set('2026-12-01T10:00:00+08:00');
    const head = await d.call('supervision:reminders', {}, 'zhaoliu');
    expect(titles(head.items)).toEqual([
      'overdue:2026-W49（2026-11-30 至 2026-12-06）周变更计划未审阅',
      `due:${E.formNo} E 年费扣收修复 待补单`,
      `due:${E.formNo} E 年费扣收修复 待补测`,
      `due:${S.formNo} S 网银限额配置 上线前系统检查`,
      'due:2026-Q4 尚未进行文档完整性检查',
    ]);
    expect(head.counts).toEqual({ due: 4, overdue: 1, byKind: { weekly_review: 1, inspection: 2, emergency_paperwork: 2 } });
    // An applicant sees the paperwork of their unit's emergency change, nothing of the ops side.
    expect(titles((await d.call('supervision:reminders', {}, 'zhangsan')).items)).toEqual([`due:${E.formNo} E 年费扣收修复 待补单`, `due:${E.formNo} E 年费扣收修复 待补测`]);
    expect(titles((await d.call('supervision:reminders', {}, 'chenqi')).items)).toEqual([]);
    // 安全科 sees its quarterly inspection (and, like every IT role, open emergency paperwork).
    expect(titles((await d.call('supervision:reminders', {}, 'qinan')).items).filter((t) => !t.includes('E 年费'))).toEqual(['due:2026-Q4 尚未进行安全检查']);

    // The calendar's week status (§17(1)): for whom the review concerns — the ops head, the
    // 受理人, the IT head; an applicant, a department head or a 系统管理员 is not asked.
    for (const who of ['zhaoliu', 'wangwu', 'hezong']) {
      expect(await d.call('supervision:weekToReview', { week: '2026-W49' }, who), who).toMatchObject({ week: '2026-W49', planned: 1, status: 'overdue' });
    }
    for (const who of ['zhangsan', 'lisi', 'sunhao']) expect(await d.refused('supervision:weekToReview', { week: '2026-W49' }, who), who).toBe('FORBIDDEN');
    // Nor does the business side read the record of the reviews.
    expect(await d.refused('supervision:weeks', { from: '2026-11-30', to: '2026-12-06' }, 'zhangsan')).toBe('FORBIDDEN');

    // §17(1) the review: only the ops head, once per week; it shows on the week and on the printed plan.
    expect(await d.refused('supervision:weeklyReview', { week: '2026-W49', opinion: '同意' }, 'wangwu')).toBe('FORBIDDEN');
    const review = await d.call('supervision:weeklyReview', { week: '2026-W49', opinion: '资源已落实，同意本周计划' }, 'zhaoliu');
    expect(review).toMatchObject({ week: '2026-W49', name: '赵六', role: 'ops_head', time: '2026-12-01T10:00:00+08:00' });
    expect(await d.refused('supervision:weeklyReview', { week: '2026-W49', opinion: '再审' }, 'zhaoliu')).toBe('ALREADY_REVIEWED');
    const weeks = await d.call('supervision:weeks', { from: '2026-11-23', to: '2026-12-13' }, 'wangwu');
    expect(weeks.map((w) => [w.week, w.planned, w.status])).toEqual([
      ['2026-W48', 0, 'none'],
      ['2026-W49', 1, 'reviewed'],
      ['2026-W50', 0, 'none'],
    ]);
    const plan = await d.call('print:weeklyPlan', { week: '2026-W49' }, 'zhaoliu');
    const planText = pdfText(Buffer.from(plan.pdfBase64, 'base64')).replace(/\s+/g, '');
    expect(planText).toContain('资源已落实，同意本周计划');
    expect(planText).toContain('赵六');

    // §36(2) the system check before go-live: the 系统管理员's, naming the change.
    const check = { kind: 'system' as const, performedOn: '2026-12-01', inspectors: '孙浩', scope: '核心系统上线前检查', findings: '系统资源与备份正常' };
    expect(await d.refused('supervision:recordInspection', { ...check, formId: S.formId }, 'qinan')).toBe('FORBIDDEN');
    expect(await d.refused('supervision:recordInspection', check, 'sunhao')).toBe('MISSING_FIELD');
    expect(await d.refused('supervision:recordInspection', { ...check, formId: S.formId, performedOn: '2026-12-02' }, 'sunhao')).toBe('INVALID_DATE');
    const sys = await d.call('supervision:recordInspection', { ...check, formId: S.formId }, 'sunhao');
    expect(sys).toMatchObject({ kind: 'system', kindLabel: '系统检查', formNo: S.formNo, quarter: '2026-Q4', recordedBy: { name: '孙浩', role: 'sysadmin' } });

    // §36(3) the quarterly completeness check, with a follow-up given to 王五.
    const docs = await d.call(
      'supervision:recordInspection',
      {
        kind: 'documents',
        performedOn: '2026-12-01',
        inspectors: '何总、吕档',
        scope: '2026年第四季度变更单',
        findings: '1张紧急变更单待补单',
        followUps: [{ action: '督促补齐紧急变更补单', owner: '王五', due: '2026-12-04' }],
      },
      'hezong',
    );
    expect(docs.followUps).toHaveLength(1);
    const afterHead = await d.call('supervision:reminders', {}, 'zhaoliu');
    expect(titles(afterHead.items)).toEqual([`due:${E.formNo} E 年费扣收修复 待补单`, `due:${E.formNo} E 年费扣收修复 待补测`, 'due:整改：督促补齐紧急变更补单']);
    expect(titles((await d.call('supervision:reminders', {}, 'wangwu')).items)).toContain('due:整改：督促补齐紧急变更补单');

    // §36(4) the security inspection clears 安全科's reminder.
    await d.call('supervision:recordInspection', { kind: 'security', performedOn: '2026-11-30', inspectors: '秦安', scope: '生产系统账号与权限', findings: '未发现问题' }, 'qinan');
    expect(titles((await d.call('supervision:reminders', {}, 'qinan')).items).filter((t) => !t.includes('E 年费'))).toEqual([]);

    // The completeness check finds what E's 补单 and 补测 still owe.
    const gapsBefore = await d.call('supervision:completeness', { from: '2026-11-01', to: '2026-12-31' }, 'hezong');
    expect(gapsBefore.checked).toBe(2);
    expect(gapsBefore.rows.map((r) => r.formNo)).toEqual([E.formNo]);
    expect(gapsBefore.rows[0]!.gaps.map((g) => g.kind).sort()).toEqual(['document', 'part', 'part', 'signature']);
    expect(gapsBefore.rows[0]!.gaps.find((g) => g.kind === 'document')?.what).toBe('补测文档及测试人员签字（第24条）');
    expect(await d.refused('supervision:completeness', { from: '2026-11-01', to: '2026-12-31' }, 'zhangsan')).toBe('FORBIDDEN');

    // Past the follow-up's date it is overdue; closing it clears it.
    f.clock.set('2026-12-07T09:00:00+08:00');
    const late = await d.call('supervision:reminders', {}, 'hezong');
    expect(titles(late.items)).toContain('overdue:整改：督促补齐紧急变更补单');
    expect(await d.refused('supervision:closeFollowUp', { inspectionId: docs.id, followUpId: docs.followUps[0]!.id, note: '已完成' }, 'zhangsan')).toBe('FORBIDDEN');
    const closed = await d.call('supervision:closeFollowUp', { inspectionId: docs.id, followUpId: docs.followUps[0]!.id, note: '补单已完成' }, 'wangwu');
    expect(closed.followUps[0]!.closed).toMatchObject({ name: '王五', note: '补单已完成' });
    expect(titles((await d.call('supervision:reminders', {}, 'hezong')).items).filter((t) => t.includes('整改'))).toEqual([]);

    // E's 补单 and 补测 are now overdue (3 working days after 11-30: 12-03); doing them clears both reminders and the gaps.
    expect(titles((await d.call('supervision:reminders', {}, 'zhangsan')).items)).toEqual([`overdue:${E.formNo} E 年费扣收修复 待补单`, `overdue:${E.formNo} E 年费扣收修复 待补测`]);
    await d.advance(E, planE, 'RETAIL', 'emergency_log_review');
    expect(titles((await d.call('supervision:reminders', {}, 'zhangsan')).items)).toEqual([]);
    expect((await d.call('supervision:completeness', { from: '2026-11-01', to: '2026-12-31' }, 'hezong')).rows).toEqual([]);

    // Inspections are listed, audit passes, and a rebuild from the log gives the same records.
    expect((await d.call('supervision:inspections', {}, 'hezong')).map((i) => i.kind).sort()).toEqual(['documents', 'security', 'system']);
    expect(auditLog(f.db, f.dataDir).ok).toBe(true);
    const before = dumpProjections(f.db);
    expect(before.supervision_record).toHaveLength(4);
    rebuildAll(f.db);
    expect(dumpProjections(f.db)).toEqual(before);
  }, 120_000);
});
