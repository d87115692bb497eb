import { describe, expect, it } from 'vitest';
import { rebuildAll } from '../../src-main/services/maintenance';
import type { ChangeFormState } from '../../src-main/shared/schemas/change-form';
import type { StatCount, StatsReport } from '../../src-main/shared/schemas/stats';
import { useTempDirs } from '../helpers/temp-dir';
import { dumpProjections, makeFixture } from './fixtures';
import { makeDriver, type Driver } from './supervision-drive';

const tempDir = useTempDirs();

// §26 statistics checked against a small set of forms whose numbers are counted by hand below.
//
// form  unit    type          urgency  path                         implemented  evaluation
// A     RETAIL  系统配置修改   一般     normal, success              10-08        met
// B     RETAIL  系统配置修改   紧急     normal, success              10-12        NOT met, negative impact
// E     RETAIL  系统错误修正   特急     emergency, not tested before 10-12        — (补单/补测 open: late)
// C     RETAIL  业务参数修改   一般     normal, ROLLED BACK          10-16        not met (rolled back)
// D     RETAIL  新增功能       一般     normal, §17(2) OVERRIDE      10-19        — (not evaluated)
// F     RETAIL  系统错误修正   特急     emergency, tested before     10-20        — (补单 done the same day)
// H     RETAIL  系统配置修改   一般     不建议实施 (requested 10-21)
// I     RETAIL  业务参数修改   一般     withdrawn after dept approval (requested 10-22)
// J     RETAIL  系统配置修改   一般     draft only (no request)
// K     CORP    系统配置修改   一般     normal, success              10-29        met
// G     RETAIL  系统配置修改   一般     normal, success              11-02 (requested 10-30)
//
// October, all units — implemented: A B C D E F K = 7; emergency E F = 2; by type 系统配置修改 A B K = 3,
// 业务参数修改 C = 1, 新增功能 D = 1, 系统错误修正 E F = 2; by urgency 一般 A C D K = 4, 紧急 B = 1,
// 特急 E F = 2; goal met A K = 2, not met B C = 2, not evaluated D E F = 3; negative B = 1;
// rollbacks C = 1; overrides D = 1; late paperwork E = 1.
// Requests: A B C D E F G H I K = 10 (J never left its draft); sources 业务发展 A B C D G H I K = 8,
// 操作错误/故障事件 E F = 2; outcomes implemented A B C D E F G K = 8, 不建议实施 H = 1, 撤回 I = 1;
// 业务发展×系统配置修改 A B G H K = 5, 业务发展×业务参数修改 C I = 2, 业务发展×新增功能 D = 1,
// 操作错误/故障事件×系统错误修正 E F = 2.

const OCT = { from: '2026-10-01', to: '2026-10-31' };

async function buildForms(d: Driver): Promise<Record<string, ChangeFormState>> {
  const at = (date: string) => `${date}T09:00:00+08:00`;
  const forms: Record<string, ChangeFormState> = {};
  forms.A = await d.drive({ title: 'A 信贷流程配置', changeType: '系统配置修改' }, 'RETAIL', at('2026-10-05'), 'pending_applicant_confirm');
  forms.B = await d.drive({ title: 'B 网银限额配置', changeType: '系统配置修改' }, 'RETAIL', at('2026-10-09'), 'pending_applicant_confirm', {
    draft: (s) => d.call('change:saveDraft', { formId: s.formId, urgency: '紧急' }, 'zhangsan'),
    implemented: (s) => d.call('change:recordEvaluation', { formId: s.formId, goalMet: false, negativeImpact: true, negativeImpactNote: '上线后客户端短暂卡顿' }, 'wangwu'),
  });
  forms.E = await d.drive({ title: 'E 年费扣收修复', changeType: '系统错误修正', emergency: true, testedBefore: false }, 'RETAIL', at('2026-10-12'), 'emergency_followup');
  forms.C = await d.drive({ title: 'C 利率参数', changeType: '业务参数修改', outcome: '已回退' }, 'RETAIL', at('2026-10-13'), 'pending_applicant_confirm');
  forms.D = await d.drive({ title: 'D 理财购买功能', changeType: '新增功能', override: true }, 'RETAIL', at('2026-10-14'), 'implemented');
  forms.F = await d.drive({ title: 'F 交易超时修复', changeType: '系统错误修正', emergency: true, testedBefore: true }, 'RETAIL', at('2026-10-20'), 'pending_archive');
  forms.H = await d.drive({ title: 'H 报表配置', changeType: '系统配置修改', conclusion: '不建议实施' }, 'RETAIL', at('2026-10-21'), 'not_recommended');
  const i = await d.drive({ title: 'I 费率参数', changeType: '业务参数修改' }, 'RETAIL', at('2026-10-22'), 'pending_assessment');
  forms.I = ((await d.call('change:withdraw', { formId: i.formId, reason: '需求取消' }, 'zhangsan')) as { state: ChangeFormState }).state;
  forms.J = await d.drive({ title: 'J 草稿', changeType: '系统配置修改' }, 'RETAIL', at('2026-10-23'), 'draft');
  forms.K = await d.drive({ title: 'K 公司网银配置', changeType: '系统配置修改' }, 'CORP', at('2026-10-26'), 'pending_applicant_confirm');
  forms.G = await d.drive({ title: 'G OA模板配置', changeType: '系统配置修改' }, 'RETAIL', at('2026-10-30'), 'implemented');
  return forms;
}

function allCounts(r: StatsReport): StatCount[] {
  return [
    r.implemented.total,
    r.implemented.emergency,
    ...r.implemented.byType,
    ...r.implemented.byUrgency,
    r.goal.met,
    r.goal.notMet,
    r.goal.notEvaluated,
    r.negative.count,
    r.requests.total,
    ...r.requests.bySource,
    ...r.requests.byOutcome,
    ...r.requests.matrix.flatMap((m) => m.counts),
    r.rollbacks.count,
    r.windowOverrides.count,
    r.paperwork.late,
  ];
}

const byLabel = (counts: StatCount[]) => Object.fromEntries(counts.filter((c) => c.count > 0).map((c) => [c.label, c.count]));

describe('§26 statistics', () => {
  it('count a hand-counted month: totals, type, urgency, goal, negative impact, reasons, rollbacks, overrides, late paperwork; every number drills down to its forms', async () => {
    const f = makeFixture(tempDir());
    const d = await makeDriver(f);
    const forms = await buildForms(d);
    // The facts the table above assumes, as the services recorded them.
    expect(forms.C!.result.outcome).toBe('已回退');
    expect(forms.D!.overrides).toHaveLength(1);
    expect(forms.G!.result.actualStart?.slice(0, 10)).toBe('2026-11-02');
    expect(forms.E!.emergency?.implementedAt?.slice(0, 10)).toBe('2026-10-12');
    f.clock.set('2026-11-03T10:00:00+08:00');

    const r = await d.call('stats:report', OCT, 'zhaoliu');
    expect(r.period).toEqual({ ...OCT, label: '2026年10月' });
    expect(r.implemented.total.count).toBe(7);
    expect(r.implemented.emergency.count).toBe(2);
    expect(r.implemented.emergencyShare).toBeCloseTo(2 / 7, 10);
    expect(byLabel(r.implemented.byType)).toEqual({ 系统配置修改: 3, 业务参数修改: 1, 新增功能: 1, 系统错误修正: 2 });
    expect(byLabel(r.implemented.byUrgency)).toEqual({ 一般: 4, 紧急: 1, 特急: 2 });
    expect([r.goal.met.count, r.goal.notMet.count, r.goal.notEvaluated.count]).toEqual([2, 2, 3]);
    expect(r.negative.count.count).toBe(1);
    expect(r.negative.list.rows.map((x) => [x.formNo, x.note])).toEqual([[forms.B!.formNo, '上线后客户端短暂卡顿']]);
    expect(r.rollbacks.count.count).toBe(1);
    expect(r.rollbacks.rate).toBeCloseTo(1 / 7, 10);
    expect(r.rollbacks.list.rows.map((x) => [x.formNo, x.note])).toEqual([[forms.C!.formNo, '上线后验证发现交易超时，按回退计划恢复']]);
    expect(r.windowOverrides.list.rows.map((x) => x.formNo)).toEqual([forms.D!.formNo]);
    expect(r.windowOverrides.list.rows[0]!.note).toContain('监管要求限期完成');
    expect(r.paperwork.late.count).toBe(1);
    expect(r.paperwork.list.rows.map((x) => [x.formNo, x.note])).toEqual([[forms.E!.formNo, '补单未完成，补测未完成']]);
    expect(r.goal.notMetList.rows.map((x) => x.formNo)).toEqual([forms.B!.formNo, forms.C!.formNo]);

    expect(r.requests.total.count).toBe(10);
    expect(byLabel(r.requests.bySource)).toEqual({ 业务发展: 8, '操作错误/故障事件': 2 });
    expect(byLabel(r.requests.byOutcome)).toEqual({ 已实施: 8, 不建议实施: 1, 已撤回: 1 });
    const matrix = Object.fromEntries(r.requests.matrix.map((m) => [m.source, byLabel(m.counts)]));
    expect(matrix).toEqual({ 业务发展: { 系统配置修改: 5, 业务参数修改: 2, 新增功能: 1 }, '操作错误/故障事件': { 系统错误修正: 2 }, 厂商补丁: {}, 容量或关联系统变化: {} });
    expect(r.requests.reasons.rows.map((x) => x.formNo).sort()).toEqual(['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'K'].map((k) => forms[k]!.formNo).sort());

    // Drill-down: the forms behind every number are exactly as many as the number.
    for (const c of allCounts(r)) {
      const list = await d.call('stats:forms', { period: OCT, drill: c.drill, pageSize: 100 }, 'zhaoliu');
      expect([c.label, list.total, list.rows.length]).toEqual([c.label, c.count, c.count]);
    }
    const urgent = await d.call('stats:forms', { period: OCT, drill: { set: 'implemented', urgency: '紧急' } }, 'zhaoliu');
    expect(urgent.rows.map((x) => x.formNo)).toEqual([forms.B!.formNo]);

    // One unit: K is the only CORP form.
    const corp = await d.call('stats:report', { ...OCT, unit: 'CORP' }, 'zhaoliu');
    expect([corp.implemented.total.count, corp.requests.total.count, corp.goal.met.count, corp.unit?.name]).toEqual([1, 1, 1, '公司业务部']);
    // November holds G only.
    const nov = await d.call('stats:report', { from: '2026-11-01', to: '2026-11-30' }, 'zhaoliu');
    expect([nov.implemented.total.count, nov.requests.total.count]).toEqual([1, 0]);

    // The CSV: one row per form implemented or requested in the period.
    const csv = await d.call('stats:csv', OCT, 'hezong');
    const lines = csv.csv.replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    expect(lines).toHaveLength(1 + 10);
    expect(lines.find((l) => l.startsWith(forms.C!.formNo))).toContain('已回退,上线后验证发现交易超时，按回退计划恢复,否');
    expect(lines.find((l) => l.startsWith(forms.E!.formNo))?.endsWith(',是')).toBe(true);

    // A rebuild from the log gives the same statistics rows.
    const before = dumpProjections(f.db);
    rebuildAll(f.db);
    expect(dumpProjections(f.db)).toEqual(before);
  }, 120_000);

  it('shows statistics to the IT side and a department head (own unit only), to nobody else', async () => {
    const f = makeFixture(tempDir());
    const d = await makeDriver(f);
    await d.drive({ title: 'K 公司网银配置', changeType: '系统配置修改' }, 'CORP', '2026-10-26T09:00:00+08:00', 'implemented');
    await d.drive({ title: 'A 零售配置', changeType: '系统配置修改' }, 'RETAIL', '2026-10-05T09:00:00+08:00', 'implemented');
    expect(await d.refused('stats:report', OCT, 'zhangsan')).toBe('FORBIDDEN');
    expect(await d.refused('stats:report', OCT, 'sunhao')).toBe('FORBIDDEN');
    expect(await d.refused('stats:forms', { period: OCT, drill: { set: 'implemented' } }, 'zhangsan')).toBe('FORBIDDEN');
    expect(await d.refused('stats:report', OCT, 'nobody')).toBe('NOT_LOGGED_IN');
    expect(await d.refused('stats:report', { ...OCT, unit: 'CORP' }, 'lisi')).toBe('FORBIDDEN');
    const own = await d.call('stats:report', OCT, 'lisi');
    expect([own.unit?.code, own.implemented.total.count]).toEqual(['RETAIL', 1]);
    expect((await d.call('stats:report', OCT, 'qinan')).implemented.total.count).toBe(2);
    expect(await d.refused('stats:report', { from: '2026-10-31', to: '2026-10-01' }, 'zhaoliu')).toBe('INVALID_INPUT');
  }, 60_000);
});
