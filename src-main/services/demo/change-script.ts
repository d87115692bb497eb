import { addCalendarDays, isBusinessDay, missingWetSignatures, windowFinding } from '../../domain';
import type { PolicySettings } from '../../shared/schemas/calendar';
import type { ChangeCommand, ChangeFormState, ChangeType, Outcome, RiskLevel } from '../../shared/schemas/change-form';
import type { RoleCode } from '../../shared/schemas/roles';

// The path of one change form through the workflow of domain.md, as a list of real commands:
// given the form as it is and what should become of it (a Plan), the next command and the role
// that gives it. The demo data, the property test and the benchmark all drive the services
// with it, so every form they make went through every rule.

export interface Plan {
  title: string;
  content: string;
  systems: string[];
  unitName: string;
  changeType: ChangeType;
  emergency: boolean;
  /** §13 conclusion of the assessment. */
  conclusion: '建议实施' | '不建议实施' | '转项目';
  risk: RiskLevel;
  /** §19: may interrupt business (needs the notice). */
  interrupt: boolean;
  outcome: Outcome;
  /** §17(2): planned in business time, scheduled by the ops head with a reason. */
  override: boolean;
  /** §24: an emergency change tested before implementation. */
  testedBefore: boolean;
  /** A developer's opinion in the assessment (§10). */
  devAssess: boolean;
}

export interface Step {
  role: RoleCode;
  command: ChangeCommand;
}

const IMPACT = {
  customer: '客户办理相关业务时可能受影响',
  compliance: '可能不满足监管报送要求',
  stakeholders: '合作机构对账可能延迟',
  internalOps: '柜面人员需手工处理',
  securityControl: '无明显影响',
  availability: '高峰期处理能力不足',
  dataAccuracy: '人工处理可能出错',
};

function minusMinutes(iso: string, m: number): string {
  const t = Date.parse(iso) - m * 60_000;
  const shifted = new Date(t + 8 * 3600_000).toISOString().slice(0, 16);
  return `${shifted}+08:00`;
}

/** A go-live window: 22:00–23:30 a few days ahead, or (for an override) 10:00 on a business day. */
function plannedWindow(now: string, plan: Plan, settings: PolicySettings): { start: string; end: string } {
  let date = addCalendarDays(now.slice(0, 10), 3);
  if (plan.override) {
    for (let i = 0; i < 14 && !isBusinessDay(date, settings.calendar); i++) date = addCalendarDays(date, 1);
    return { start: `${date}T10:00+08:00`, end: `${date}T11:00+08:00` };
  }
  return { start: `${date}T22:00+08:00`, end: `${date}T23:30+08:00` };
}

function part1(plan: Plan): ChangeCommand & { name: 'create' } {
  return {
    name: 'create',
    input: {
      title: plan.title,
      applicantUnitName: plan.unitName,
      contact: '分机 8021',
      systems: plan.systems,
      changeType: plan.changeType,
      changeSource: plan.changeType === '系统错误修正' ? '操作错误/故障事件' : plan.changeType === '系统补丁安装及版本更新' ? '厂商补丁' : '业务发展',
      content: plan.content,
      otherMeasuresExist: false,
      impactIfNot: IMPACT,
      urgency: plan.emergency ? '特急' : '一般',
    },
  };
}

function assessment(plan: Plan): ChangeCommand {
  const newFunction = plan.changeType === '新增功能';
  return {
    name: 'saveAssessment',
    input: {
      existingCanMeet: false,
      otherMeans: '无其他操作手段可达到同样效果',
      needsDevelopment: false,
      infraChanges: [],
      backendDataChange: false,
      securityConsiderations: '变更涉及的账户权限已复核，不降低现有安全控制',
      mayInterruptBusiness: plan.interrupt,
      ...(plan.interrupt ? { interruptionNote: '上线期间相关交易暂停约30分钟' } : {}),
      riskLevel: plan.risk,
      ...(plan.emergency ? {} : { conclusion: plan.conclusion }),
      suggestedDate: '2026-12-05',
      serviceImpact: '安排在非营业时间实施，对客户服务无影响',
      involvesSoftwareDev: false,
      newProjectOrFunction: newFunction,
      ...(newFunction
        ? {
            newFunctionRisks: {
              backupMachine: '沿用现有备份机',
              monitoring: '纳入集中监控平台',
              dataBackup: '上线前全量备份',
              programBackup: '保留旧版本程序包',
              databaseMethod: '仅新增表，不改动既有表',
              otherSystems: '不影响其他系统',
            },
          }
        : {}),
      ...(plan.conclusion === '不建议实施' ? { rejectReason: '现有系统功能经调整参数即可满足，无需变更' } : {}),
      ...(plan.conclusion === '转项目' ? { projectRef: 'XM-2026-031 新一代渠道整合项目' } : {}),
    },
  };
}

function plan3(now: string, plan: Plan, settings: PolicySettings): ChangeCommand {
  const w = plannedWindow(now, plan, settings);
  return {
    name: 'savePlan',
    input: {
      changePlan: '1. 停止相关服务；2. 部署新版本；3. 验证交易；4. 恢复服务',
      rollbackPlan: '恢复上线前备份的程序和参数，重启服务并验证',
      contingency: '如验证失败立即回退，并通知客户服务中心',
      ...(plan.emergency ? {} : { plannedStart: w.start, plannedEnd: w.end }),
    },
  };
}

/** The next command on the form's way to what the plan says, or undefined when it has arrived. */
export function nextStep(form: ChangeFormState | undefined, plan: Plan, now: string, settings: PolicySettings): Step | undefined {
  if (!form) return { role: 'applicant', command: part1(plan) };
  const p2 = form.part2;
  const p3 = form.part3;
  const e = form.emergency;
  switch (form.state) {
    case 'draft':
      if (plan.emergency) return { role: 'dept_head', command: { name: 'emergencyRequest', input: { reason: '生产故障须立即修复，否则影响当日对客服务' } } };
      return { role: 'applicant', command: { name: 'submit', input: {} } };
    case 'pending_dept_approval':
      return { role: 'dept_head', command: { name: 'deptApprove', input: { opinion: '同意，请运行维护中心评估' } } };
    case 'pending_assessment':
      if (p2.riskLevel === undefined) return { role: 'ops_coordinator', command: assessment(plan) };
      if (plan.devAssess && !p2.devOpinion) return { role: 'developer', command: { name: 'devAssess', input: { devOpinion: '开发工作量小，可在本周完成', devHours: 16 } } };
      return { role: 'ops_coordinator', command: { name: 'submitAssessment', input: {} } };
    case 'pending_assessment_approval':
      return { role: 'ops_head', command: { name: 'assessmentApprove', input: { opinion: '同意评估结论' } } };
    case 'planning':
      if (!p3.changePlan) return { role: 'ops_coordinator', command: plan3(now, plan, settings) };
      if (!p3.itTest) return { role: 'tester', command: { name: 'recordItTest', input: { steps: '在测试环境按变更步骤执行并回归核心交易', result: '全部用例通过', passed: true } } };
      if (!p3.preReview) return { role: 'security_reviewer', command: { name: 'recordPreReview', input: { opinion: '已审阅变更方案，未发现安全问题', agree: true } } };
      if (!p3.userTest) return { role: 'applicant', command: { name: 'recordUserTest', input: { result: '业务人员验证通过', confirmed: true } } };
      if (plan.interrupt && !(p3.notices ?? []).length) {
        return {
          role: 'ops_coordinator',
          command: {
            name: 'recordNotice',
            input: { units: ['行长办公室', '客户服务中心'], scope: '上线期间相关交易暂停', period: `${p3.plannedStart?.slice(0, 10)} 22:00–23:30`, noticeDate: now.slice(0, 10) },
          },
        };
      }
      return { role: 'ops_coordinator', command: { name: 'submitPlan', input: { opinion: '计划和测试已齐备' } } };
    case 'pending_impl_approval': {
      const w = windowFinding(form, settings);
      return { role: 'ops_head', command: { name: 'implApprove', input: { opinion: '同意按计划实施', ...(w ? { windowOverrideReason: '监管要求限期完成，经研究同意在业务时间实施' } : {}) } } };
    }
    case 'scheduled':
      return {
        role: 'sysadmin',
        command: {
          name: 'recordResult',
          input: {
            outcome: plan.outcome,
            ...(plan.outcome === '已回退' ? { rollbackReason: '上线后验证发现交易超时，按回退计划恢复' } : {}),
            actualStart: p3.plannedStart ?? minusMinutes(now, 60),
            actualEnd: p3.plannedEnd ?? now,
          },
        },
      };
    case 'implemented':
    case 'rolled_back':
      return { role: 'ops_coordinator', command: { name: 'recordEvaluation', input: { goalMet: plan.outcome === '成功', negativeImpact: false } } };
    case 'pending_post_review':
      return { role: 'security_reviewer', command: { name: 'postReview', input: { opinion: '上线后检查安全控制有效', agree: true } } };
    case 'pending_applicant_confirm':
      return { role: 'dept_head', command: { name: 'applicantConfirm', input: { opinion: '确认变更已达到预期' } } };
    case 'pending_archive':
      if (!form.result.archiveReview) return { role: 'it_head', command: { name: 'archiveReview', input: { opinion: '资料齐全' } } };
      {
        // §27: the paper's hand signatures are recorded, one block at a time, before it is filed.
        const missing = missingWetSignatures(form)[0];
        if (missing) return { role: 'archivist', command: { name: 'recordWetSignature', input: { blockId: missing.id, signedOn: now.slice(0, 10) } } };
      }
      return { role: 'archivist', command: { name: 'archive', input: { location: '2026年变更档案第4盒' } } };
    case 'emergency_pending_auth':
      return { role: 'ops_head', command: { name: 'emergencyAuthorise', input: { mode: '口头', authorisedAt: minusMinutes(now, 2) } } };
    case 'emergency_pending_backup':
      return { role: 'dba', command: { name: 'recordBackup', input: { programBackup: '已备份程序目录', dataBackup: '已导出相关数据表', backupAt: minusMinutes(now, 1) } } };
    case 'emergency_pending_impl':
      return {
        role: 'sysadmin',
        command: {
          name: 'emergencyImplement',
          input: {
            implementedAt: now.slice(0, 16) + '+08:00',
            testedBefore: plan.testedBefore,
            outcome: plan.outcome,
            ...(plan.outcome === '已回退' ? { rollbackReason: '修复后仍有异常，已恢复原版本' } : {}),
          },
        },
      };
    case 'emergency_followup':
      if (p2.riskLevel === undefined) return { role: 'ops_coordinator', command: assessment(plan) };
      if (!p3.changePlan) return { role: 'ops_coordinator', command: plan3(now, plan, settings) };
      if (e?.testedBefore === false && !e.retest) {
        return { role: 'tester', command: { name: 'recordRetest', input: { steps: '在测试环境复现并验证修复', result: '补测通过', passed: true } } };
      }
      if ((p2.riskLevel === '中' || p2.riskLevel === '高') && !form.result.postReview) {
        return { role: 'security_reviewer', command: { name: 'postReview', input: { opinion: '紧急变更后安全检查无异常', agree: true } } };
      }
      return { role: 'ops_head', command: { name: 'completePaperwork', input: { opinion: '补单资料齐全' } } };
    case 'emergency_log_review':
      if (!e?.logReview.ops) return { role: 'ops_head', command: { name: 'emergencyLogSign', input: { opinion: '日志属实' } } };
      return { role: 'dept_head', command: { name: 'emergencyLogSign', input: { opinion: '日志属实' } } };
    case 'not_recommended':
    case 'to_project':
    case 'archived':
    case 'withdrawn':
      return undefined;
  }
}
