import { applyChangeEvent, decideChange, missingWetSignatures, type Actor } from '../../src-main/domain';
import { DEFAULT_POLICY_SETTINGS } from '../../src-main/shared/schemas/calendar';
import { changeCommandSchemas, type ChangeCommand, type ChangeCommandName, type ChangeFormState, type ChangeState } from '../../src-main/shared/schemas/change-form';
import { applyDecided, person } from '../domain/decided';

// Forms for the print tests and the benchmark, made the way the service makes them: parse the
// verb's input, decide, apply. No vitest here (the benchmark imports it too).

export const PEOPLE = {
  applicant: person('u-alice', '王丽', 'BIZ1', 'applicant'),
  deptHead: person('u-bob', '赵强', 'BIZ1', 'dept_head'),
  coordinator: person('u-carol', '陈静', 'OPS', 'ops_coordinator'),
  opsHead: person('u-dave', '刘洋', 'OPS', 'ops_head'),
  tester: person('u-erin', '周婷', 'TEST', 'tester'),
  security: person('u-frank', '吴刚', 'SEC', 'security_reviewer'),
  developer: person('u-gina', '郑楠', 'DEV', 'developer'),
  sysadmin: person('u-hank', '何军', 'OPS', 'sysadmin'),
  itHead: person('u-ivan', '钱峰', 'IT', 'it_head'),
  archivist: person('u-judy', '许娟', 'ARC', 'archivist'),
} as const;

export function run(form: ChangeFormState | undefined, actor: Actor, name: ChangeCommandName, raw: unknown, now = '2026-11-20T10:00+08:00', formNo = 'BG-BIZ1-2026-0012'): ChangeFormState {
  const input = changeCommandSchemas[name].parse(raw);
  const d = decideChange(form, { name, input } as ChangeCommand, { actor, now, settings: DEFAULT_POLICY_SETTINGS, newFormId: `F-${formNo}`, newFormNo: formNo });
  if (!d.ok) throw new Error(`${name} 被拒绝：${d.message}`);
  return applyDecided(applyChangeEvent, form, d.events, actor, now, `F-${formNo}`)!;
}

/** Fields as staff write them: every text a sentence or two, the 不实施的影响 all filled. */
export const PART1 = {
  title: '核心系统活期存款利率参数调整',
  applicantUnitName: '零售业务部',
  contact: '010-66660001 转 8021',
  appliedOn: '2026-11-18',
  systems: ['CORE', 'EBANK'],
  changeType: '业务参数修改',
  changeSource: '业务发展',
  content:
    '根据中国人民银行2026年11月15日发布的利率调整通知，自2026年12月7日起个人活期存款挂牌利率由0.20%调整为0.15%。需在核心业务系统利率参数表中新增生效日期为2026-12-07的利率记录，并同步网上银行利率展示页面，确保计息、结息和对客展示一致。',
  otherMeasuresExist: false,
  impactIfNot: {
    customer: '对客挂牌利率与人民银行公告不一致，可能引发客户投诉。',
    compliance: '违反利率管理相关监管要求，存在被监管处罚的风险。',
    stakeholders: '无。',
    internalOps: '需柜面人工调整计息，工作量大且易出错。',
    securityControl: '无。',
    availability: '无。',
    dataAccuracy: '结息金额不准确，需事后批量调账。',
  },
  urgency: '一般',
} as const;

export const PART2 = {
  existingCanMeet: false,
  existingNote: '现有参数表不支持按生效日期自动切换，须新增记录。',
  otherMeans: '无其他操作手段可达到同样效果。',
  needsDevelopment: false,
  infraChanges: ['数据库'],
  infraNote: '仅涉及利率参数表数据变更，不涉及表结构。',
  backendDataChange: true,
  backendDataNote: '新增一条利率参数记录，变更前全表备份。',
  securityConsiderations: '参数维护须双人复核，操作全程留痕，变更后核对参数报表。',
  resourcePlan: '运行维护中心数据库管理员一人、系统管理员一人，周六夜间实施。',
  mayInterruptBusiness: true,
  interruptionNote: '实施期间网上银行利率查询暂停约30分钟。',
  riskLevel: '中',
  conclusion: '建议实施',
  suggestedDate: '2026-12-05',
  serviceImpact: '周六22:00至23:30网上银行利率查询暂停，柜面业务不受影响。',
  involvesSoftwareDev: false,
} as const;

export const PLAN = {
  changePlan: '1. 22:00 备份利率参数表；2. 22:10 新增生效日期为2026-12-07的利率记录；3. 22:30 刷新网上银行利率缓存；4. 22:40 核对参数报表并抽样试算利息；5. 23:00 通知业务部门验证。',
  rollbackPlan: '如核对不符，删除新增记录并从22:00备份恢复参数表，刷新缓存后复核。',
  contingency: '如网上银行利率查询超时未恢复，切换至静态公告页面并通知客户服务中心统一答复客户。',
  plannedStart: '2026-12-05 22:00',
  plannedEnd: '2026-12-05 23:30',
} as const;

/** The ordinary path (§8–§27), step by step. */
const HAPPY: Array<[ChangeCommandName, Actor, unknown]> = [
  ['create', PEOPLE.applicant, PART1],
  ['submit', PEOPLE.applicant, {}],
  ['deptApprove', PEOPLE.deptHead, { opinion: '同意，请运行维护中心评估。' }],
  ['saveAssessment', PEOPLE.coordinator, PART2],
  ['submitAssessment', PEOPLE.coordinator, {}],
  ['assessmentApprove', PEOPLE.opsHead, { opinion: '同意实施，安排在12月5日夜间。' }],
  ['savePlan', PEOPLE.coordinator, PLAN],
  ['recordItTest', PEOPLE.tester, { steps: '在测试环境新增利率记录，模拟12月7日日终结息。', result: '结息金额与手工试算一致。', passed: true }],
  ['recordPreReview', PEOPLE.security, { opinion: '参数维护权限与复核控制符合要求。', agree: true }],
  ['recordUserTest', PEOPLE.applicant, { result: '业务部门在测试环境验证利率展示和试算结果正确。', confirmed: true }],
  ['recordNotice', PEOPLE.coordinator, { units: ['行长办公室', '客户服务中心'], scope: '网上银行利率查询功能', period: '2026-12-05 22:00 至 23:30', noticeDate: '2026-12-01' }],
  ['submitPlan', PEOPLE.coordinator, {}],
  ['implApprove', PEOPLE.opsHead, { opinion: '同意按计划实施。' }],
  ['recordResult', PEOPLE.sysadmin, { outcome: '成功', actualStart: '2026-12-05 22:00', actualEnd: '2026-12-05 23:05', note: '按计划完成，参数核对无误。' }],
  ['recordEvaluation', PEOPLE.coordinator, { goalMet: true, negativeImpact: false }],
  ['postReview', PEOPLE.security, { opinion: '上线后抽查结息正确，达到变更目标。', agree: true }],
  ['applicantConfirm', PEOPLE.deptHead, { opinion: '确认变更达到预期。' }],
  ['archiveReview', PEOPLE.itHead, { opinion: '资料完整。' }],
  ['archive', PEOPLE.archivist, { location: '2026年变更档案第3盒' }],
];

/** A form along the ordinary path until it first reaches `state`; `patch` replaces inputs. */
export function formIn(state: ChangeState, patch: Partial<Record<ChangeCommandName, unknown>> = {}, formNo?: string): ChangeFormState {
  let form: ChangeFormState | undefined;
  for (const [name, actor, input] of HAPPY) {
    if (form?.state === state) return form;
    // §27: the paper's hand signatures are recorded before the form is filed.
    if (name === 'archive' && form) for (const b of missingWetSignatures(form)) form = run(form, PEOPLE.archivist, 'recordWetSignature', { blockId: b.id }, undefined, formNo);
    form = run(form, actor, name, name in patch ? patch[name] : input, undefined, formNo);
  }
  if (form?.state !== state) throw new Error(`never reached ${state}`);
  return form;
}

/** §22–§25: the emergency path. */
const EMERGENCY: Array<[ChangeCommandName, Actor, unknown]> = [
  ['create', PEOPLE.applicant, { ...PART1, title: '核心系统计息程序缺陷紧急修补', urgency: '特急', changeType: '系统错误修正', changeSource: '操作错误/故障事件' }],
  ['emergencyRequest', PEOPLE.deptHead, { reason: '日终计息程序缺陷导致部分账户利息计算错误，须在营业前修补。' }],
  ['emergencyAuthorise', PEOPLE.opsHead, { mode: '口头', authorisedAt: '2026-11-20 02:10', note: '电话授权，事后补单。' }],
  ['recordBackup', PEOPLE.sysadmin, { programBackup: '/backup/core/20261120/interest-batch', dataBackup: '计息明细表全量导出至备份库', backupAt: '2026-11-20 02:30' }],
  ['emergencyImplement', PEOPLE.sysadmin, { implementedAt: '2026-11-20 03:00', testedBefore: false, outcome: '成功', note: '替换计息程序并重跑当日计息。' }],
  ['saveAssessment', PEOPLE.coordinator, { ...PART2, mayInterruptBusiness: false, riskLevel: '低' }],
  ['savePlan', PEOPLE.coordinator, { changePlan: '停止计息任务，替换程序，重跑计息。', rollbackPlan: '恢复备份程序与计息明细。', contingency: '人工计息。' }],
  ['completePaperwork', PEOPLE.opsHead, { opinion: '补单完整。' }],
  ['recordRetest', PEOPLE.tester, { steps: '测试环境复现缺陷并验证修补程序。', result: '计息结果正确。', passed: true }],
  ['emergencyLogSign', PEOPLE.opsHead, { opinion: '日志与实际操作一致。' }],
  ['emergencyLogSign', PEOPLE.deptHead, { opinion: '确认。' }],
];

export function emergencyIn(state: ChangeState | 'end', formNo = 'BG-BIZ1-2026-0013'): ChangeFormState {
  let form: ChangeFormState | undefined;
  for (const [name, actor, input] of EMERGENCY) {
    if (form?.state === state) return form;
    form = run(form, actor, name, input, '2026-11-20T03:30+08:00', formNo);
  }
  if (state !== 'end' && form?.state !== state) throw new Error(`never reached ${state}`);
  return form as ChangeFormState;
}
