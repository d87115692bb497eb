import { displayBeijing, type PolicySettings } from '../../shared/schemas/calendar';
import {
  IMPACT_DIMENSIONS,
  NEW_FUNCTION_RISK_ITEMS,
  type ChangeFormState,
  type ImpactDimension,
  type NewFunctionRiskItem,
  type Part1,
  type Part2,
  type Part3,
} from '../../shared/schemas/change-form';
import { REQUIRED_NOTICE_UNITS } from '../../shared/schemas/roles';
import { firstBusinessMoment, yearsWithoutCalendar } from '../calendar';
import { refuse, type Refusal } from './guards';

// (c) the fields each step requires and (d) the policy rules, each citing its article.

function blank(v: unknown): boolean {
  return v === undefined || v === null || (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && v.length === 0);
}

function missing(label: string, article: string): Refusal {
  return refuse('MISSING_FIELD', `请填写${label}（${article}）`);
}

/** The first empty field among [value, label, article] triples. */
function firstMissing(checks: ReadonlyArray<readonly [unknown, string, string]>): Refusal | undefined {
  for (const [value, label, article] of checks) if (blank(value)) return missing(label, article);
  return undefined;
}

/** §8: part 一 complete enough to submit (to 部门负责人, §9). */
export function part1Refusal(p: Part1): Refusal | undefined {
  const basic = firstMissing([
    [p.title, '变更名称', '第8条'],
    [p.contact, '联系方式', '第8条'],
    [p.systems, '涉及系统', '第8条'],
    [p.changeType, '变更类型', '第8条(1)'],
    [p.changeSource, '变更来源', '第7条'],
    [p.content, '变更内容和目的', '第8条(2)'],
    [p.otherMeasuresExist, '是否存在其他措施满足需求', '第8条(3)'],
  ]);
  if (basic) return basic;
  if (p.otherMeasuresExist && blank(p.otherMeasures)) return missing('其他措施', '第8条(3)');
  for (const dim of Object.keys(IMPACT_DIMENSIONS) as ImpactDimension[]) {
    if (blank(p.impactIfNot?.[dim])) return missing(`不实施对${IMPACT_DIMENSIONS[dim]}的影响`, '第8条(4)');
  }
  return firstMissing([[p.urgency, '急迫性', '第8条(5)']]);
}

/** §23: what an emergency request needs now; the rest of part 一 is 补单 afterwards. */
export function emergencyRequestRefusal(p: Part1): Refusal | undefined {
  if (p.urgency !== '特急') return refuse('POLICY', '第22条：只有急迫性为「特急」的变更才能按紧急变更流程提出');
  return firstMissing([
    [p.title, '变更名称', '第23条'],
    [p.systems, '涉及系统', '第23条'],
    [p.changeType, '变更类型', '第8条(1)'],
    [p.content, '变更内容和目的', '第8条(2)'],
  ]);
}

/** §5(8): a new project or new business function needs the six risk items. */
export function isNewFunction(form: ChangeFormState): boolean {
  return form.part2.newProjectOrFunction ?? form.part1.changeType === '新增功能';
}

/** Part 二 facts every assessment answers (§11, §12), whatever its conclusion. */
function part2CoreRefusal(p: Part2): Refusal | undefined {
  return firstMissing([
    [p.existingCanMeet, '现有功能/设置能否满足', '第11条'],
    [p.needsDevelopment, '是否需要IT开发', '第12条(1)'],
    [p.needsDevelopment ? p.devHours : 0, '预计工时', '第12条(1)'],
    [p.infraChanges === undefined ? undefined : true, '操作系统/数据库/中间件/硬件/网络变更', '第12条(2)'],
    [p.backendDataChange, '是否需要后台数据变更', '第12条(3)'],
    [p.securityConsiderations, '信息安全控制考虑因素', '第12条(4)'],
    [p.mayInterruptBusiness, '是否可能导致业务中断或服务水平下降', '第12条(6)'],
    [p.mayInterruptBusiness ? p.interruptionNote : '-', '业务中断或服务水平下降说明', '第12条(6)'],
    [p.riskLevel, '风险等级', '第16条'],
  ]);
}

/** §10–§14: part 二 complete enough for the ops head's approval. */
export function part2Refusal(form: ChangeFormState): Refusal | undefined {
  const p = form.part2;
  if (blank(p.conclusion)) return missing('评估结论', '第13条');
  if (p.conclusion === '不建议实施') return firstMissing([[p.rejectReason, '不建议实施的理由', '第13条(1)']]);
  if (p.conclusion === '转项目') return firstMissing([[p.projectRef, '转入的项目编号或名称', '第13条(3)']]);
  const core = part2CoreRefusal(p);
  if (core) return core;
  const more = firstMissing([
    [p.otherMeans, '其他操作手段', '第11条'],
    [p.involvesSoftwareDev, '是否涉及软件开发', '第14条'],
    [p.suggestedDate, '建议变更日期', '第13条(2)'],
    [p.serviceImpact, '对客户服务和内部操作的影响', '第13条(2)'],
  ]);
  if (more) return more;
  if (isNewFunction(form)) {
    for (const item of Object.keys(NEW_FUNCTION_RISK_ITEMS) as NewFunctionRiskItem[]) {
      if (blank(p.newFunctionRisks?.[item])) {
        return refuse('MISSING_FIELD', `请填写${NEW_FUNCTION_RISK_ITEMS[item]}（第5条(8)：新项目或新业务功能须进行风险分析）`);
      }
    }
  }
  return undefined;
}

/** §23 补单, part 二: the assessment facts (no conclusion: the change has already happened). */
export function emergencyPart2Refusal(form: ChangeFormState): Refusal | undefined {
  const p = form.part2;
  return firstMissing([
    [p.existingCanMeet, '现有功能/设置能否满足', '第11条；第23条补单'],
    [p.needsDevelopment, '是否需要IT开发', '第12条(1)；第23条补单'],
    [p.securityConsiderations, '信息安全控制考虑因素', '第12条(4)；第23条补单'],
    [p.mayInterruptBusiness, '是否可能导致业务中断或服务水平下降', '第12条(6)；第23条补单'],
    [p.riskLevel, '风险等级', '第16条；第23条补单'],
  ]);
}

/** §23 补单, part 三: what was done and how it would be undone. */
export function emergencyPlanRefusal(form: ChangeFormState): Refusal | undefined {
  return firstMissing([
    [form.part3.changePlan, '变更计划与步骤', '第21条；第23条补单'],
    [form.part3.rollbackPlan, '回退计划与步骤', '第21条；第23条补单'],
  ]);
}

/** §17(3), §21, §14: the plan part of part 三. */
export function planRefusal(form: ChangeFormState): Refusal | undefined {
  const p = form.part3;
  const m = firstMissing([
    [p.changePlan, '变更计划与步骤', '第21条'],
    [p.rollbackPlan, '回退计划与步骤', '第21条'],
    [p.contingency, '意外应急措施', '第17条(3)'],
    [p.plannedStart, '计划上线开始时间', '第17条(2)'],
    [p.plannedEnd, '计划上线结束时间', '第17条(2)'],
  ]);
  if (m) return m;
  if (p.plannedEnd !== undefined && p.plannedStart !== undefined && Date.parse(p.plannedEnd) <= Date.parse(p.plannedStart)) {
    return refuse('MISSING_FIELD', '计划上线结束时间须晚于开始时间');
  }
  if (form.part2.involvesSoftwareDev && blank(p.devMethodRef)) {
    return missing('开发方法指引执行记录', '第14条：涉及软件开发的变更按《IT开发方法指引》执行');
  }
  return undefined;
}

/** §15, §16, §18, §21: the tested-and-accepted part of part 三, before the ops head schedules it. */
export function acceptanceRefusal(p: Part3): Refusal | undefined {
  if (!p.itTest || blank(p.itTest.result)) return refuse('MISSING_FIELD', '请登记IT测试步骤与结果及测试人员签字（第15条、第21条）');
  if (!p.itTest.passed) return refuse('POLICY', '第15条：IT测试未通过，不能审批实施');
  if (!p.preReview) return refuse('MISSING_FIELD', '请登记信息安全上线前审阅意见（第16条）');
  if (!p.preReview.agree) return refuse('POLICY', '第16条：信息安全上线前审阅未同意上线');
  if (!p.userTest) return refuse('MISSING_FIELD', '请登记用户测试确认（第18条：变更上线前需进行用户测试）');
  if (!p.userTest.confirmed) return refuse('POLICY', '第18条：用户测试未通过确认，不能上线');
  return undefined;
}

/** §19: a change that can interrupt business is scheduled only after the written notice. */
export function noticeRefusal(form: ChangeFormState): Refusal | undefined {
  if (!form.part2.mayInterruptBusiness) return undefined;
  const goLive = form.part3.plannedStart?.slice(0, 10);
  const reached = new Set<string>();
  for (const n of form.part3.notices ?? []) {
    if (goLive === undefined || n.noticeDate <= goLive) for (const u of n.units) reached.add(u);
  }
  const lacking = REQUIRED_NOTICE_UNITS.filter((u) => !reached.has(u));
  if (lacking.length === 0) return undefined;
  return refuse(
    'POLICY',
    `违反第19条：可能导致业务中断的变更，须在上线前书面告知相关业务部门（至少包括行长办公室和客户服务中心）后方可排期（尚未告知：${lacking.join('、')}）`,
  );
}

/** §16: 风险等级 中/高 requires the post-implementation security review. */
export function postReviewRequired(form: ChangeFormState): boolean {
  return form.part2.riskLevel === '中' || form.part2.riskLevel === '高';
}

export function postReviewRefusal(form: ChangeFormState): Refusal | undefined {
  if (postReviewRequired(form) && !form.result.postReview) {
    return refuse('POLICY', `违反第16条：风险等级为${form.part2.riskLevel}的变更，须先完成信息安全上线后审阅`);
  }
  return undefined;
}

export interface WindowFinding {
  /** What is wrong, e.g. `2026-12-01 10:00 为工作日业务时间`. */
  finding: string;
  /** The refusal when no override is given. */
  message: string;
}

/**
 * §17(2): a non-emergency change goes live outside business hours, on a weekend or a holiday.
 * A year without a loaded calendar cannot be judged: that too needs the ops head's override.
 */
export function windowFinding(form: ChangeFormState, settings: PolicySettings): WindowFinding | undefined {
  const { plannedStart, plannedEnd } = form.part3;
  if (plannedStart === undefined) return undefined;
  const hit = firstBusinessMoment(plannedStart, plannedEnd, settings);
  if (hit) {
    const finding = `${displayBeijing(hit.at)} 为${hit.dayLabel}业务时间`;
    return { finding, message: `违反第17条(2)：非紧急变更须安排在非业务时间上线（${finding}）` };
  }
  const years = yearsWithoutCalendar(plannedStart, plannedEnd, settings);
  if (years.length > 0) {
    const finding = `${years.join('、')}年节假日安排尚未载入`;
    return {
      finding,
      message: `依据第17条(2)：${finding}，无法判断计划上线时间是否为非业务时间；请先在设置中导入该年日历，或由运行维护中心负责人填写越权理由`,
    };
  }
  return undefined;
}
