import {
  ASSESSMENT_CONCLUSIONS,
  AUTHORISATION_MODES,
  CHANGE_SOURCES,
  CHANGE_TYPES,
  IMPACT_DIMENSIONS,
  INFRA_CHANGES,
  NEW_FUNCTION_RISK_ITEMS,
  OUTCOMES,
  PART1_LABELS,
  PART2_LABELS,
  PART3_LABELS,
  RISK_LEVELS,
  URGENCIES,
  type ChangeCommandName,
} from '@shared/schemas/change-form';
import { REQUIRED_NOTICE_UNITS } from '@shared/schemas/roles';
import type { FieldSpec } from './field-spec';

// The fields of each part and each verb's dialog, labelled with the shared label tables.

/** Part 一 申请信息 (§8) in the three steps of the guided form. */
export const PART1_STEPS: Array<{ title: string; fields: FieldSpec[] }> = [
  {
    title: '基本信息',
    fields: [
      { name: 'title', label: PART1_LABELS.title, kind: 'text' },
      { name: 'applicantUnitName', label: PART1_LABELS.applicantUnitName, kind: 'text' },
      { name: 'contact', label: PART1_LABELS.contact, kind: 'text' },
      { name: 'appliedOn', label: PART1_LABELS.appliedOn, kind: 'date' },
      { name: 'systems', label: PART1_LABELS.systems, kind: 'tags', extra: '从系统登记中选择' },
      { name: 'changeType', label: PART1_LABELS.changeType, kind: 'choice', options: CHANGE_TYPES, extra: '第7条' },
      { name: 'changeSource', label: PART1_LABELS.changeSource, kind: 'choice', options: CHANGE_SOURCES, extra: '第7条(1)–(4)' },
    ],
  },
  {
    title: '变更内容',
    fields: [
      { name: 'content', label: PART1_LABELS.content, kind: 'textarea' },
      { name: 'otherMeasuresExist', label: PART1_LABELS.otherMeasuresExist, kind: 'yesno', extra: '第8条(3)' },
      { name: 'otherMeasures', label: PART1_LABELS.otherMeasures, kind: 'textarea', when: { field: 'otherMeasuresExist', is: true } },
    ],
  },
  {
    title: '影响与急迫性',
    fields: [
      ...Object.entries(IMPACT_DIMENSIONS).map(([k, label]): FieldSpec => ({ name: `impactIfNot.${k}`, label: `不实施对${label}的影响`, kind: 'textarea' })),
      { name: 'urgency', label: PART1_LABELS.urgency, kind: 'choice', options: URGENCIES, extra: '第8条(5)；特急即紧急变更（第22条）' },
    ],
  },
];
export const PART1_FIELDS = PART1_STEPS.flatMap((s) => s.fields);

/** Part 二 变更需求评估信息 (§10–§13, §5(8)), edited by the ops center. */
export const PART2_FIELDS: FieldSpec[] = [
  { name: 'existingCanMeet', label: PART2_LABELS.existingCanMeet, kind: 'yesno', extra: '第11条' },
  { name: 'existingNote', label: PART2_LABELS.existingNote, kind: 'textarea' },
  { name: 'otherMeans', label: PART2_LABELS.otherMeans, kind: 'textarea' },
  { name: 'needsDevelopment', label: PART2_LABELS.needsDevelopment, kind: 'yesno', extra: '第12条(1)' },
  { name: 'devHours', label: PART2_LABELS.devHours, kind: 'number', when: { field: 'needsDevelopment', is: true } },
  { name: 'infraChanges', label: PART2_LABELS.infraChanges, kind: 'multi', options: INFRA_CHANGES, extra: '第12条(2)' },
  { name: 'infraNote', label: PART2_LABELS.infraNote, kind: 'textarea' },
  { name: 'backendDataChange', label: PART2_LABELS.backendDataChange, kind: 'yesno', extra: '第12条(3)' },
  { name: 'backendDataNote', label: PART2_LABELS.backendDataNote, kind: 'textarea', when: { field: 'backendDataChange', is: true } },
  { name: 'securityConsiderations', label: PART2_LABELS.securityConsiderations, kind: 'textarea', extra: '第12条(4)' },
  { name: 'resourcePlan', label: PART2_LABELS.resourcePlan, kind: 'textarea', extra: '第12条(5)' },
  { name: 'mayInterruptBusiness', label: PART2_LABELS.mayInterruptBusiness, kind: 'yesno', extra: '第12条(6)；选“是”则上线前须书面告知（第19条）' },
  { name: 'interruptionNote', label: PART2_LABELS.interruptionNote, kind: 'textarea', when: { field: 'mayInterruptBusiness', is: true } },
  { name: 'riskLevel', label: PART2_LABELS.riskLevel, kind: 'choice', options: RISK_LEVELS, extra: '中、高风险须上线后审阅（第16条）' },
  { name: 'involvesSoftwareDev', label: PART2_LABELS.involvesSoftwareDev, kind: 'yesno', extra: '第14条' },
  { name: 'newProjectOrFunction', label: PART2_LABELS.newProjectOrFunction, kind: 'yesno', extra: '第5条(8)' },
  ...Object.entries(NEW_FUNCTION_RISK_ITEMS).map(
    ([k, label]): FieldSpec => ({ name: `newFunctionRisks.${k}`, label, kind: 'textarea', when: { field: 'newProjectOrFunction', is: true } }),
  ),
  { name: 'conclusion', label: PART2_LABELS.conclusion, kind: 'choice', options: ASSESSMENT_CONCLUSIONS, extra: '第13条' },
  { name: 'suggestedDate', label: PART2_LABELS.suggestedDate, kind: 'date', when: { field: 'conclusion', is: '建议实施' } },
  { name: 'serviceImpact', label: PART2_LABELS.serviceImpact, kind: 'textarea', when: { field: 'conclusion', is: '建议实施' } },
  { name: 'rejectReason', label: PART2_LABELS.rejectReason, kind: 'textarea', when: { field: 'conclusion', is: '不建议实施' } },
  { name: 'projectRef', label: PART2_LABELS.projectRef, kind: 'text', when: { field: 'conclusion', is: '转项目' } },
];

/** Part 三's plan (§15, §17(3)); the signed records have their own verbs. */
export const PLAN_FIELDS: FieldSpec[] = [
  { name: 'changePlan', label: PART3_LABELS.changePlan, kind: 'textarea' },
  { name: 'rollbackPlan', label: PART3_LABELS.rollbackPlan, kind: 'textarea' },
  { name: 'contingency', label: PART3_LABELS.contingency, kind: 'textarea', extra: '第17条(3)' },
  { name: 'plannedStart', label: PART3_LABELS.plannedStart, kind: 'datetime', extra: '非紧急变更须安排在非业务时间（第17条(2)）' },
  { name: 'plannedEnd', label: PART3_LABELS.plannedEnd, kind: 'datetime' },
  { name: 'devMethodRef', label: PART3_LABELS.devMethodRef, kind: 'text', extra: '第14条' },
];

const opinion = (label = '意见'): FieldSpec => ({ name: 'opinion', label, kind: 'textarea' });
const reason = (label: string): FieldSpec => ({ name: 'reason', label, kind: 'textarea' });
/** §15 IT测试 and §24 补测: steps, result, passed — signed by the tester. */
const testFields = (what: string): FieldSpec[] => [
  { name: 'steps', label: `${what}步骤`, kind: 'textarea' },
  { name: 'result', label: `${what}结果`, kind: 'textarea' },
  { name: 'passed', label: `${what}是否通过`, kind: 'yesno' },
];
/** §16 security reviews before and after go-live. */
const review = (label: string, agree: string): FieldSpec[] => [
  { name: 'opinion', label, kind: 'textarea' },
  { name: 'agree', label: agree, kind: 'yesno' },
];

/** Each verb done through a dialog (the part editors cover saveDraft, saveAssessment, savePlan). */
export const VERB_FIELDS: Partial<Record<ChangeCommandName, FieldSpec[]>> = {
  submit: [],
  withdraw: [reason('撤回原因')],
  deptApprove: [opinion('审批意见')],
  deptReturn: [opinion('退回意见')],
  devAssess: [
    { name: 'devOpinion', label: '软件开发中心评估意见', kind: 'textarea' },
    { name: 'devHours', label: '预计工时', kind: 'number' },
  ],
  submitAssessment: [],
  assessmentApprove: [opinion('审批意见')],
  assessmentReturn: [opinion('退回意见')],
  recordItTest: testFields('IT测试'),
  recordPreReview: review('上线前审阅意见', '是否同意上线'),
  recordUserTest: [
    { name: 'result', label: '用户测试结果', kind: 'textarea' },
    { name: 'confirmed', label: '用户测试是否确认通过', kind: 'yesno' },
  ],
  recordNotice: [
    { name: 'units', label: '告知单位', kind: 'tags', options: REQUIRED_NOTICE_UNITS, extra: '至少告知行长办公室和客户服务中心（第19条）' },
    { name: 'scope', label: '影响的业务范围', kind: 'textarea' },
    { name: 'period', label: '影响时间', kind: 'text' },
    { name: 'noticeDate', label: '告知日期', kind: 'date' },
  ],
  submitPlan: [opinion('说明')],
  implApprove: [opinion('审阅意见'), { name: 'windowOverrideReason', label: '越权排期理由', kind: 'textarea', extra: '仅当计划上线时间在业务时间内、须由运行维护中心负责人特批时填写（第17条(2)）' }],
  implReturn: [opinion('退回意见')],
  reschedule: [reason('改期原因')],
  recordResult: [
    { name: 'outcome', label: '实施结果', kind: 'choice', options: OUTCOMES },
    { name: 'rollbackReason', label: '回退原因', kind: 'textarea', when: { field: 'outcome', is: '已回退' } },
    { name: 'actualStart', label: '实际开始时间', kind: 'datetime' },
    { name: 'actualEnd', label: '实际结束时间', kind: 'datetime' },
    { name: 'note', label: '实施情况说明', kind: 'textarea' },
  ],
  recordEvaluation: [
    { name: 'goalMet', label: '是否达到预期目标', kind: 'yesno', extra: '第26条' },
    { name: 'negativeImpact', label: '是否存在负面影响', kind: 'yesno' },
    { name: 'negativeImpactNote', label: '负面影响说明', kind: 'textarea', when: { field: 'negativeImpact', is: true } },
  ],
  postReview: review('上线后审阅意见', '是否达到变更目标'),
  applicantConfirm: [opinion('确认意见')],
  archiveReview: [opinion('审阅意见')],
  archive: [{ name: 'location', label: '归档位置', kind: 'text' }],
  emergencyRequest: [reason('紧急变更原因')],
  emergencyAuthorise: [
    { name: 'mode', label: '授权方式', kind: 'choice', options: AUTHORISATION_MODES },
    { name: 'authorisedAt', label: '授权时间', kind: 'datetime' },
    { name: 'authoriserName', label: '授权人', kind: 'text' },
    { name: 'note', label: '授权说明', kind: 'textarea' },
  ],
  emergencyDecline: [reason('不予授权的理由')],
  recordBackup: [
    { name: 'programBackup', label: '程序备份情况', kind: 'textarea' },
    { name: 'dataBackup', label: '数据备份情况', kind: 'textarea' },
    { name: 'backupAt', label: '备份时间', kind: 'datetime' },
  ],
  emergencyImplement: [
    { name: 'implementedAt', label: '实施时间', kind: 'datetime' },
    { name: 'testedBefore', label: '实施前是否已测试', kind: 'yesno', extra: '未测试的须事后补测（第24条）' },
    { name: 'preTestNote', label: '实施前测试情况', kind: 'textarea', when: { field: 'testedBefore', is: true } },
    { name: 'outcome', label: '实施结果', kind: 'choice', options: OUTCOMES },
    { name: 'rollbackReason', label: '回退原因', kind: 'textarea', when: { field: 'outcome', is: '已回退' } },
    { name: 'note', label: '实施情况说明', kind: 'textarea' },
  ],
  recordRetest: testFields('补测'),
  completePaperwork: [opinion('补单审核意见')],
  emergencyLogSign: [opinion('紧急变更日志审核意见')],
};

/** Approve/return pairs shown as one dialog with 同意 / 不同意. */
export const APPROVAL_PAIRS: Partial<Record<ChangeCommandName, { label: string; refuse: ChangeCommandName }>> = {
  deptApprove: { label: '部门负责人审批', refuse: 'deptReturn' },
  assessmentApprove: { label: '评估审批', refuse: 'assessmentReturn' },
  implApprove: { label: '实施审批', refuse: 'implReturn' },
};
export const REFUSING_VERBS = new Set(Object.values(APPROVAL_PAIRS).map((p) => p!.refuse));

/** Verbs done in the part editors (or, §27 纸质签字, in the paper list; attachments in their tab) rather than from the action bar. */
export const EDITOR_VERBS = new Set<ChangeCommandName>(['create', 'saveDraft', 'saveAssessment', 'savePlan', 'recordWetSignature', 'addAttachment', 'removeAttachment']);
