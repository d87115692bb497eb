import { accessDueAt, accessOverdue } from '../../domain/golive/access';
import { acceptanceFrom } from '../../domain/golive/trial';
import { DELIVERY_KINDS, PROJECT_KINDS, rolloutStateLabel, ACCESS_STATES, type AccessFormState, type FormApproval, type RolloutFormState } from '../../shared/schemas/project-forms';
import { roleLabel } from '../../shared/schemas/roles';
import { fieldTable, listTable, longText, partHeading, signatureTable, yesNo, type ElectronicRecord, type Field } from '../layout/blocks';
import type { Content, DocKind, PrintedDocument } from '../layout/types';
import { recordOf, systemsText, unitText, when, type DocumentContext, type SignatureBlock } from './common';

/**
 * The project forms as printed paper, in the style of 附件1: 附件2《软件产品上线申请表》 and
 * 附件4《系统发布申请表》 (application, 审核 with 签名盖章, the checklist, the trial run, 正式验收),
 * the 《上线实施计划》/《发布计划》 (§29(1), §33(1)), 附件3《软件版本管理表》 (§29(4)), the
 * 《验收申请报告》 (§31(1), §35(1)) and the 生产系统访问登记表 (§17(6)–(7)).
 */

export const PROJECT_DOCS = ['form', 'plan', 'version', 'acceptance'] as const;
export type ProjectDoc = (typeof PROJECT_DOCS)[number];

type F = RolloutFormState;
/** Signature blocks with their ids (the wet-signature record names blocks by them). */
const blocks = (b: SignatureBlock[]): SignatureBlock[] => b;
/** The record of a step that has happened (recordOf answers undefined only for a missing one). */
const rec = (...args: Parameters<typeof recordOf>): ElectronicRecord => recordOf(...args) as ElectronicRecord;
const GL = (f: F) => f.kind === 'golive';
const word = (f: F) => (GL(f) ? '上线' : '发布');
const art = (f: F, golive: string, release: string) => (GL(f) ? golive : release);

function review(r: F['reviews']['pmo'], label: string, article: string, seal = false): SignatureBlock {
  return { id: label, label, article, seal, ...(r ? { record: rec(r, r.opinion, r.agree) } : { pendingText: '待审核' }) };
}

function lastApproval(f: { approvals: FormApproval[] }, step: string): FormApproval | undefined {
  return [...f.approvals].reverse().find((a) => a.step === step);
}

function header(f: F, ctx: DocumentContext): Field[] {
  const a = f.application;
  return [
    { label: '项目名称', value: a.title, wide: true },
    { label: '申请编号', value: f.formNo },
    { label: '申请日期', value: a.appliedOn },
    { label: '项目组', value: unitText(f.applicant.unitCode, ctx.unitNames) },
    { label: '项目经理及联系方式', value: [f.applicant.name, a.contact].filter(Boolean).join('　') },
    { label: '涉及系统', value: systemsText(a.systems, ctx.systemNames) },
    { label: '相关业务部门', value: unitText(a.businessUnit, ctx.unitNames) },
  ];
}

// ───────────────────────────── 附件2 / 附件4 ─────────────────────────────

function applicationPart(f: F, ctx: DocumentContext): Content[] {
  const a = f.application;
  const report = f.testReport;
  const reportName = GL(f) ? '用户测试验收报告' : '系统测试验收报告';
  const fields: Field[] = [
    ...header(f, ctx),
    { label: '是否新项目', value: yesNo(a.newProject) },
    { label: `计划${word(f)}日期`, value: a.plannedDate },
    { label: `${word(f)}内容`, value: longText(a.content), wide: true },
    { label: '开发和测试完成情况', value: longText(a.devSummary), wide: true },
    { label: `《${reportName}》`, value: report ? `${report.reportTitle}：${report.conclusion}（${report.passed ? '通过' : '未通过'}）` : '', wide: true },
  ];
  const sig: SignatureBlock[] = [
    { id: 'apply.pm', label: '项目组（项目经理）', article: art(f, '第28条(1)', '第32条'), record: rec({ userId: f.applicant.userId, name: f.applicant.name, role: 'project_manager', time: f.createdAt }) },
    { id: 'apply.biz', label: `相关业务部门负责人（${reportName}）`, article: art(f, '第28条(1)', '第32条'), ...(report ? { record: rec(report, report.opinion, report.passed) } : { pendingText: '待签署' }) },
  ];
  return [fieldTable(fields, partHeading(`一、${word(f)}申请`, art(f, '（第28条(1)）', '（第32条）'))), signatureTable(sig)];
}

function reviewPart(f: F): Content[] {
  const article = art(f, '第28条(2)', '第32条');
  return [
    fieldTable([], partHeading('二、审核意见', `（${art(f, '第28条', '第32条')}）`)),
    signatureTable(blocks([
      review(f.reviews.pmo, '项目管理科审核意见', art(f, '第28条(1)', '第32条')),
      review(f.reviews.security, '科技信息部安全科审核意见', article, true),
      review(f.reviews.itHead, '科技信息部负责人审核意见', article, true),
    ])),
  ];
}

function preparationFields(f: F): Field[] {
  const plan = f.plan;
  return [
    { label: `《${word(f)}实施计划》`, value: plan.approved ? `已于 ${when(plan.approved.time)} 经${plan.approved.name}审批` : plan.submitted ? '已提交，待部门负责人审批' : '编制中', wide: true },
    ...Object.entries(DELIVERY_KINDS).map(([k, label]) => {
      const d = f.deliveries[k as keyof typeof DELIVERY_KINDS];
      return { label, value: d ? `${d.documents}；接收：${d.recipients}；培训：${d.trainingDate}${d.trainingNote ? `（${d.trainingNote}）` : ''}` : '', wide: true };
    }),
    ...(GL(f) ? [{ label: '附件3《软件版本管理表》', value: f.versionTable ? `${f.versionTable.version}，${f.versionTable.components.length} 个组件${f.versionTable.received ? `，${f.versionTable.received.name}已接收` : '，待版本管理员接收'}` : '', wide: true }] : []),
  ];
}

function checklistTable(f: F): Content {
  const rows = f.checklist.map((l, i) => [
    String(i + 1),
    // The check item of §30/§34 and the plan's task for it (按照实施计划步骤进行).
    { text: [l.label, { text: `\n工作内容：${l.task}` }, { text: `\n（${l.article}）`, style: 'note' }], style: 'cell' },
    `${l.assigneeName}\n${roleLabel(l.role)}`,
    when(l.plannedAt),
    l.done ? `■ 已完成\n${when(l.done.doneAt)}` : '□ 未完成',
    l.done?.note ?? '',
  ]);
  return listTable(['序号', '检查项', '责任人', '计划时间', '完成情况', '说明'], [24, '*', 64, 70, 70, 90], rows.length ? rows : [['', '（实施计划批准后生成）', '', '', '', '']]);
}

function runPart(f: F): Content[] {
  const vc = f.versionComparison;
  const fields: Field[] = [
    ...(GL(f) ? [{ label: '新老版本比对（第30条(2)）', value: vc ? `${vc.oldVersion} → ${vc.newVersion}：${vc.differences}（${vc.consistent ? '差异与上线内容一致' : '差异与上线内容不一致'}；${vc.name}，${when(vc.time)}）` : '', wide: true }] : []),
    { label: '试运行开始', value: when(f.trial.startedAt) },
    { label: '最早验收申请日', value: f.trial.startedAt ? acceptanceFrom(f.trial.startedAt) : '' },
  ];
  const obs = f.trial.observations.map((o) => [o.keyDate, o.date, { text: o.observation, style: 'cell' }, o.normal ? '正常' : '异常', o.name]);
  const problems = f.trial.problems.map((p) => [p.id, { text: p.description, style: 'cell' }, p.name, p.resolution ? `${p.resolution.text}（${p.resolution.name}）` : '未处理']);
  const close = lastApproval(f, 'closeChecklist');
  return [
    fieldTable(preparationFields(f), partHeading(`三、${word(f)}准备`, art(f, '（第29条）', '（第33条）'))),
    fieldTable([], partHeading(`四、${word(f)}与试运行检查表`, art(f, '（第30条，按实施计划步骤）', '（第34条，按发布计划步骤）'))),
    checklistTable(f),
    fieldTable(fields),
    { text: '试运行关键日期观察', style: 'part', margin: [0, 6, 0, 2] },
    listTable(['关键日期', '日期', '运行情况', '结论', '登记人'], [60, 62, '*', 36, 50], obs.length ? obs : [['', '', '', '', '']]),
    { text: `试运行发现的问题（${art(f, '第30条(13)', '第34条(6)')}，已通知项目组）`, style: 'part', margin: [0, 6, 0, 2] },
    listTable(['编号', '问题', '登记人', '处理情况'], [30, '*', 50, 150], problems.length ? problems : [['', '无', '', '']]),
    signatureTable(blocks([{ id: 'run.ops', label: `运行维护中心（${word(f)}完成）`, article: art(f, '第30条', '第34条'), ...(close ? { record: rec(close, close.opinion) } : { pendingText: '检查表未完成' }) }])),
  ];
}

function acceptancePart(f: F): Content[] {
  const d = f.acceptance;
  return [
    fieldTable(
      [
        { label: '验收申请报告', value: f.acceptanceRequest ? `${f.acceptanceRequest.name} 于 ${when(f.acceptanceRequest.time)} 提交` : '', wide: true },
        { label: '验收结论', value: d ? `${d.passed ? '验收合格，转正式运行' : '验收不合格，继续试运行'}（${d.acceptedOn}）` : '', wide: true },
      ],
      partHeading('五、正式验收', art(f, '（第31条）', '（第35条）')),
    ),
    signatureTable(blocks([{ id: 'accept.it', label: '科技信息部验收意见', article: art(f, '第31条(2)', '第35条(2)'), seal: true, ...(d ? { record: rec(d, d.opinion, d.passed) } : { pendingText: '待验收' }) }])),
  ];
}

const ORDER = ['draft', 'pending_pmo', 'pending_it_review', 'preparing', 'rolling_out', 'trial_run', 'pending_acceptance', 'in_production'];
const reached = (f: F, s: string) => ORDER.indexOf(f.state) >= ORDER.indexOf(s);

function rolloutForm(f: F, ctx: DocumentContext): PrintedDocument {
  const content: Content[] = [...applicationPart(f, ctx), ...reviewPart(f)];
  if (reached(f, 'preparing')) content.push(...runPart(f));
  if (reached(f, 'trial_run')) content.push(...acceptancePart(f));
  if (f.closure) content.push({ text: `本申请已撤回：${f.closure.reason}（${f.closure.name}，${when(f.closure.time)}）`, style: 'note', margin: [0, 8, 0, 0] });
  const k = PROJECT_KINDS[f.kind];
  return {
    kind: f.kind as DocKind,
    annexLabel: k.annex,
    title: k.title,
    docNo: f.formNo,
    version: f.version,
    // Final once 安全科 and 科技信息部负责人 have both agreed (§28(2), §32).
    draft: !(f.reviews.security?.agree && f.reviews.itHead?.agree),
    subtitle: `状态：${rolloutStateLabel(f.kind, f.state)}`,
    content,
  };
}

// ───────────────────────────── 上线实施计划 / 发布计划 ─────────────────────────────

function planDoc(f: F, ctx: DocumentContext): PrintedDocument {
  const p = f.plan;
  const n = GL(f) ? ['一', '二', '三', '四', '五'] : ['一', '', '二', '三', '四'];
  const fields: Field[] = [
    ...header(f, ctx),
    { label: `${n[0]}、备份方案（历史数据、配置参数、应用程序）`, value: longText(p.backup), wide: true },
    ...(GL(f) ? [{ label: `${n[1]}、上线环境的搭建`, value: longText(p.environment), wide: true }] : []),
    { label: `${n[2]}、执行内容和步骤、人员组织`, value: longText(p.organisation), wide: true },
  ];
  const steps = p.steps.map((s, i) => [String(i + 1), { text: s.task, style: 'cell' }, `${s.assigneeName}（${roleLabel(s.role)}）`, when(s.plannedAt)]);
  const after: Field[] = [
    { label: `${n[3]}、回退计划`, value: longText(p.rollback), wide: true },
    { label: `${n[4]}、可能出现的问题及解决方案`, value: longText(p.problems), wide: true },
  ];
  const approval = lastApproval(f, 'approvePlan');
  return {
    kind: `${f.kind}-plan` as DocKind,
    title: GL(f) ? '上线实施计划' : '系统发布计划',
    docNo: f.formNo,
    version: f.version,
    draft: !p.approved,
    subtitle: `${f.application.title ?? ''}　${art(f, '依据第29条(1)', '依据第33条(1)')}`,
    content: [
      fieldTable(fields, partHeading('计划内容')),
      { text: '各项工作任务、责任人和具体时间安排', style: 'part', margin: [0, 6, 0, 2] },
      listTable(['序号', '工作内容', '责任人', '计划时间'], [28, '*', 130, 90], steps.length ? steps : [['', '', '', '']]),
      fieldTable(after),
      signatureTable(blocks([
        { id: 'plan.pm', label: '项目经理（提交）', article: art(f, '第29条(1)', '第33条(1)'), ...(p.submitted ? { record: rec(p.submitted) } : { pendingText: '待提交' }) },
        { id: 'plan.head', label: '部门负责人审批', article: art(f, '第29条(1)', '第33条(1)'), ...(approval ? { record: rec(approval, approval.opinion, approval.agree) } : { pendingText: '待审批' }) },
      ])),
    ],
  };
}

// ───────────────────────────── 附件3《软件版本管理表》 ─────────────────────────────

function versionDoc(f: F, ctx: DocumentContext): PrintedDocument {
  const v = f.versionTable;
  // A checksum is one long word: printed in groups of 16 so that it wraps inside its column.
  const grouped = (sum: string) => sum.match(/.{1,16}/g)?.join(' ') ?? sum;
  const rows = (v?.components ?? []).map((c, i) => [String(i + 1), { text: c.name, style: 'cell' }, c.version ?? '', { text: grouped(c.checksum), style: 'cell', fontSize: 7 }]);
  return {
    kind: 'version-table',
    annexLabel: '附件3',
    title: '软件版本管理表',
    docNo: f.formNo,
    version: f.version,
    draft: !v?.received,
    subtitle: `${f.application.title ?? ''}　依据第29条(4)`,
    content: [
      fieldTable(
        [
          { label: '项目名称', value: f.application.title, wide: true },
          { label: '涉及系统', value: systemsText(f.application.systems, ctx.systemNames) },
          { label: '版本号', value: v?.version },
          { label: '制作人', value: v?.builtBy },
          { label: '制作时间', value: when(v?.builtAt) },
          { label: '说明', value: longText(v?.note), wide: true },
        ],
        partHeading('版本信息'),
      ),
      { text: '版本组件及校验值', style: 'part', margin: [0, 6, 0, 2] },
      listTable(['序号', '组件', '组件版本', '校验值（MD5/SHA）'], [28, 130, 50, '*'], rows.length ? rows : [['', '', '', '']]),
      signatureTable(blocks([
        { id: 'version.team', label: '项目组（提交）', article: '第29条(4)', ...(v ? { record: rec(v) } : { pendingText: '待提交' }) },
        { id: 'version.admin', label: '生产系统版本管理员（接收）', article: '第29条(4)、第36条(1)', ...(v?.received ? { record: rec(v.received, v.received.opinion, true) } : { pendingText: '待接收' }) },
      ])),
    ],
  };
}

// ───────────────────────────── 验收申请报告 ─────────────────────────────

function acceptanceDoc(f: F, ctx: DocumentContext): PrintedDocument {
  const r = f.acceptanceRequest;
  const d = f.acceptance;
  const problems = f.trial.problems;
  return {
    kind: `${f.kind}-acceptance` as DocKind,
    title: GL(f) ? '项目正式上线验收申请报告' : '系统正式验收申请报告',
    docNo: f.formNo,
    version: f.version,
    draft: !d,
    subtitle: `${f.application.title ?? ''}　${art(f, '依据第31条', '依据第35条')}`,
    content: [
      fieldTable(
        [
          ...header(f, ctx),
          { label: '试运行期间', value: f.trial.startedAt ? `${f.trial.startedAt.slice(0, 10)} 起（满3个月之日：${acceptanceFrom(f.trial.startedAt)}）` : '', wide: true },
          { label: '关键日期观察', value: `${f.trial.observations.length} 次（${[...new Set(f.trial.observations.map((o) => o.keyDate))].join('、')}），异常 ${f.trial.observations.filter((o) => !o.normal).length} 次`, wide: true },
          { label: '试运行问题', value: `${problems.length} 个，已处理 ${problems.filter((p) => p.resolution).length} 个`, wide: true },
          { label: '试运行情况总结', value: longText(r?.summary), wide: true },
          { label: '项目资料', value: longText(r?.documents), wide: true },
        ],
        partHeading('验收申请', art(f, '（第31条(1)）', '（第35条(1)）')),
      ),
      signatureTable(blocks([
        { id: 'acceptance.pm', label: '项目组（项目经理）', article: art(f, '第31条(1)', '第35条(1)'), ...(r ? { record: rec(r) } : { pendingText: '待提交' }) },
        { id: 'acceptance.it', label: '科技信息部验收意见', article: art(f, '第31条(2)、(3)', '第35条(2)、(3)'), seal: true, ...(d ? { record: rec(d, `${d.opinion}（验收日期 ${d.acceptedOn}）`, d.passed) } : { pendingText: '待验收' }) },
      ])),
    ],
  };
}

// ───────────────────────────── 生产系统访问登记表 ─────────────────────────────

/** §17(7): disabled (when, how), or not yet — overdue once the grace after the end has passed at printing. */
function accountText(f: AccessFormState, printedAt: string): string {
  if (f.disabled) return `已${f.disabled.action}（${when(f.disabled.disabledAt)}）`;
  const due = accessDueAt(f);
  if (!due) return '';
  return accessOverdue(f, printedAt) ? `尚未禁用或删除——已逾期（应于 ${when(due)} 前禁用或删除）` : `尚未禁用或删除（应于 ${when(due)} 前禁用或删除）`;
}

export function documentForAccess(f: AccessFormState, ctx: DocumentContext): PrintedDocument {
  const r = f.request;
  const a = f.approval;
  const fields: Field[] = [
    { label: '登记编号', value: f.formNo },
    { label: '状态', value: ACCESS_STATES[f.state] },
    { label: '申请人（开发人员）', value: f.applicant.name },
    { label: '所属部门', value: unitText(f.applicant.unitCode, ctx.unitNames) },
    { label: '涉及系统', value: systemsText([r.system], ctx.systemNames) },
    { label: '使用的账号', value: r.account },
    { label: '紧急修复任务', value: longText(r.reason), wide: true },
    { label: '关联故障或变更单', value: r.incident },
    { label: '计划时间', value: `${when(r.plannedStart)} 至 ${when(r.plannedEnd)}` },
    { label: '监督的系统管理员', value: a?.supervisorName },
    { label: '实际访问时间', value: f.startedAt ? `${when(f.startedAt)} 至 ${when(f.endedAt)}` : '' },
    { label: '访问期间所做的工作', value: longText(f.workDone), wide: true },
    { label: '账号处理（第17条(7)）', value: accountText(f, ctx.printedAt), wide: true },
  ];
  return {
    kind: 'access',
    title: '生产系统访问登记表',
    docNo: f.formNo,
    version: f.version,
    draft: f.state !== 'closed' && f.state !== 'rejected',
    subtitle: '依据第17条(6)、(7)',
    content: [
      fieldTable(fields, partHeading('访问登记')),
      signatureTable(blocks([
        { id: 'access.dev', label: '申请人（开发人员）', article: '第17条(6)', record: rec({ userId: f.applicant.userId, name: f.applicant.name, role: 'developer', time: f.createdAt }) },
        { id: 'access.approve', label: '管理层批准', article: '第17条(6)', ...(a ? { record: rec(a, a.opinion, true) } : f.closure ? { record: { name: f.closure.name, time: when(f.closure.time), agree: false, opinion: f.closure.reason } } : { pendingText: '待批准' }) },
        { id: 'access.supervisor', label: '系统管理员（监督并记录）', article: '第17条(7)', ...(f.end ? { record: rec(f.end, '已监督访问全过程') } : { pendingText: '待访问结束' }) },
        { id: 'access.disable', label: '系统管理员（禁用/删除账号）', article: '第17条(7)', ...(f.disabled ? { record: rec(f.disabled, `账号已${f.disabled.action}`) } : { pendingText: '待禁用账号' }) },
      ])),
    ],
  };
}

/** The document a project form prints as: the form itself, its plan, 附件3 or the acceptance report. */
export function documentForProjectForm(f: RolloutFormState | AccessFormState, doc: ProjectDoc, ctx: DocumentContext): PrintedDocument {
  if (f.kind === 'access') return documentForAccess(f, ctx);
  switch (doc) {
    case 'plan':
      return planDoc(f, ctx);
    case 'version':
      return versionDoc(f, ctx);
    case 'acceptance':
      return acceptanceDoc(f, ctx);
    default:
      return rolloutForm(f, ctx);
  }
}
