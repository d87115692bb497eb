import { ACCOUNT_ACTIONS, CHECK_ITEMS, DELIVERY_KINDS, KEY_DATES, type RolloutFormState, type RolloutKind } from '@shared/schemas/project-forms';
import type { FieldSpec } from '../changes/field-spec';

// The fields of each go-live/release verb's dialog (§28–§35), in the policy's terms. savePlan's
// steps and 附件3's components have their own editors (ProjectActionDialog).

const opinion = (label = '意见'): FieldSpec => ({ name: 'opinion', label, kind: 'textarea' });
const review = (label: string): FieldSpec[] => [{ name: 'agree', label: '审核结论（同意）', kind: 'yesno' }, opinion(label)];

export function applicationFields(kind: RolloutKind): FieldSpec[] {
  const word = kind === 'golive' ? '上线' : '发布';
  return [
    { name: 'title', label: '项目名称', kind: 'text' },
    { name: 'systems', label: '涉及系统', kind: 'tags', extra: '系统代码，如 EBANK' },
    { name: 'businessUnit', label: '相关业务部门', kind: 'text', extra: '单位代码，如 RETAIL；该部门负责人签署测试验收报告' },
    { name: 'contact', label: '联系方式', kind: 'text' },
    { name: 'content', label: `${word}内容`, kind: 'textarea' },
    { name: 'devSummary', label: '开发和测试完成情况', kind: 'textarea' },
    { name: 'newProject', label: '是否新项目', kind: 'yesno' },
    { name: 'plannedDate', label: `计划${word}日期`, kind: 'date' },
  ];
}

export function verbFields(kind: RolloutKind, verb: string, form: RolloutFormState | undefined, me: string): FieldSpec[] {
  switch (verb) {
    case 'create':
    case 'saveApplication':
      return applicationFields(kind);
    case 'recordTestReport':
      return [
        { name: 'reportTitle', label: kind === 'golive' ? '《用户测试验收报告》名称' : '《系统测试验收报告》名称', kind: 'text' },
        { name: 'conclusion', label: '验收结论', kind: 'textarea' },
        { name: 'passed', label: '验收是否通过', kind: 'yesno' },
        opinion('业务部门负责人意见'),
      ];
    case 'withdraw':
      return [{ name: 'reason', label: '撤回原因', kind: 'textarea' }];
    case 'pmoReview':
      return review('项目管理科审核意见');
    case 'securityReview':
      return review('安全科审核意见');
    case 'itHeadReview':
      return review('科技信息部负责人审核意见');
    case 'savePlan':
      return [
        { name: 'backup', label: '备份方案', kind: 'textarea' },
        ...(kind === 'golive' ? [{ name: 'environment', label: '上线环境的搭建', kind: 'textarea' as const }] : []),
        { name: 'organisation', label: '人员组织', kind: 'textarea' },
        { name: 'rollback', label: '回退计划', kind: 'textarea' },
        { name: 'problems', label: '可能出现的问题及解决方案', kind: 'textarea' },
      ];
    case 'approvePlan':
      return [{ name: 'agree', label: '批准', kind: 'yesno' }, opinion('审批意见')];
    case 'recordDelivery':
      return [
        { name: 'what', label: '交付内容', kind: 'choice', choices: Object.entries(DELIVERY_KINDS).map(([value, label]) => ({ value, label })) },
        { name: 'documents', label: '交付文档', kind: 'textarea' },
        { name: 'recipients', label: '接收人员', kind: 'text' },
        { name: 'trainingDate', label: '培训日期', kind: 'date' },
        { name: 'trainingNote', label: '培训情况', kind: 'textarea' },
      ];
    case 'recordVersionTable':
      return [
        { name: 'version', label: '版本号', kind: 'text' },
        { name: 'builtBy', label: '制作人', kind: 'text' },
        { name: 'builtAt', label: '制作时间', kind: 'datetime' },
        { name: 'note', label: '说明', kind: 'textarea' },
      ];
    case 'receiveVersionTable':
      return [opinion('版本管理意见')];
    case 'tickStep': {
      const mine = (form?.checklist ?? []).filter((l) => !l.done && l.assigneeUserId === me);
      return [
        { name: 'lineId', label: '检查项', kind: 'choice', choices: mine.map((l) => ({ value: l.id, label: `${l.label}（计划 ${l.plannedAt.slice(0, 16).replace('T', ' ')}）` })) },
        { name: 'doneAt', label: '完成时间', kind: 'datetime' },
        { name: 'note', label: '完成情况', kind: 'textarea' },
      ];
    }
    case 'recordVersionComparison':
      return [
        { name: 'oldVersion', label: '原版本', kind: 'text' },
        { name: 'newVersion', label: '新版本', kind: 'text' },
        { name: 'differences', label: '比对结果', kind: 'textarea' },
        { name: 'consistent', label: '差异与上线内容一致', kind: 'yesno' },
      ];
    case 'closeChecklist':
      return [opinion('说明')];
    case 'recordObservation':
      return [
        { name: 'keyDate', label: '关键日期', kind: 'choice', options: KEY_DATES },
        { name: 'date', label: '日期', kind: 'date' },
        { name: 'observation', label: '运行情况', kind: 'textarea' },
        { name: 'normal', label: '运行是否正常', kind: 'yesno' },
      ];
    case 'reportProblem':
      return [{ name: 'description', label: '问题描述', kind: 'textarea' }];
    case 'resolveProblem':
      return [
        { name: 'problemId', label: '问题', kind: 'choice', choices: (form?.trial.problems ?? []).filter((p) => !p.resolution).map((p) => ({ value: p.id, label: `${p.id} ${p.description}` })) },
        { name: 'text', label: '处理情况', kind: 'textarea' },
      ];
    case 'requestAcceptance':
      return [
        { name: 'summary', label: '试运行情况总结', kind: 'textarea' },
        { name: 'documents', label: '项目资料清单', kind: 'textarea' },
      ];
    case 'accept':
      return [
        { name: 'passed', label: '验收是否合格', kind: 'yesno' },
        { name: 'opinion', label: '验收意见', kind: 'textarea' },
        { name: 'acceptedOn', label: '验收日期', kind: 'date' },
      ];
    default:
      return [];
  }
}

export function checkItemChoices(kind: RolloutKind) {
  return Object.entries(CHECK_ITEMS[kind]).map(([value, d]) => ({ value, label: `${d.label}（${d.article}）`, role: d.role }));
}

/** 生产系统访问登记 (§17(6)–(7)): the dialog of each verb; `sysadmins` to choose the supervisor from. */
export function accessFields(verb: string, sysadmins: ReadonlyArray<{ value: string; label: string }>): FieldSpec[] {
  switch (verb) {
    case 'create':
      return [
        { name: 'system', label: '涉及系统', kind: 'text', extra: '系统代码，如 CORE' },
        { name: 'reason', label: '紧急修复任务', kind: 'textarea' },
        { name: 'incident', label: '关联故障或变更单', kind: 'text' },
        { name: 'account', label: '使用的账号', kind: 'text' },
        { name: 'plannedStart', label: '计划开始时间', kind: 'datetime' },
        { name: 'plannedEnd', label: '计划结束时间', kind: 'datetime' },
      ];
    case 'approve':
      return [{ name: 'supervisorUserId', label: '监督的系统管理员', kind: 'choice', choices: sysadmins }, opinion('批准意见')];
    case 'reject':
      return [opinion('不批准的理由')];
    case 'start':
      return [{ name: 'startedAt', label: '访问开始时间', kind: 'datetime' }];
    case 'end':
      return [
        { name: 'endedAt', label: '访问结束时间', kind: 'datetime' },
        { name: 'workDone', label: '访问期间所做的工作', kind: 'textarea' },
      ];
    case 'disableAccount':
      return [
        { name: 'disabledAt', label: '账号禁用时间', kind: 'datetime' },
        { name: 'action', label: '处理方式', kind: 'choice', options: ACCOUNT_ACTIONS },
      ];
    default:
      return [];
  }
}
