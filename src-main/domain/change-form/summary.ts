import { CHANGE_STATES, type ChangeFormState, type ChangeSummary } from '../../shared/schemas/change-form';

// One row per form for lists, the inbox and the full-text index.

function collect(value: unknown, out: string[]): void {
  if (typeof value === 'string') {
    if (value) out.push(value);
  } else if (Array.isArray(value)) {
    for (const v of value) collect(v, out);
  } else if (value && typeof value === 'object') {
    for (const v of Object.values(value)) collect(v, out);
  }
}

export function summarizeChange(form: ChangeFormState): ChangeSummary {
  const p1 = form.part1;
  const text: string[] = [form.formNo];
  // Every text a person wrote or signed, so search finds a form by any of them (§26(4) reasons too).
  collect([p1, form.part2, form.part3, form.result, form.emergency, form.closure, form.approvals, form.overrides], text);
  return {
    formId: form.formId,
    formNo: form.formNo,
    title: p1.title ?? '',
    state: form.state,
    stateLabel: CHANGE_STATES[form.state],
    ...(p1.changeType ? { changeType: p1.changeType } : {}),
    ...(p1.urgency ? { urgency: p1.urgency } : {}),
    emergency: form.emergency !== undefined,
    systems: p1.systems ?? [],
    applicantUnit: form.applicant.unitCode,
    ...(p1.applicantUnitName ? { applicantUnitName: p1.applicantUnitName } : {}),
    applicantUserId: form.applicant.userId,
    applicantName: form.applicant.name,
    ...(p1.appliedOn ? { appliedOn: p1.appliedOn } : {}),
    ...(form.part3.plannedStart ? { plannedStart: form.part3.plannedStart } : {}),
    ...(form.part3.plannedEnd ? { plannedEnd: form.part3.plannedEnd } : {}),
    ...(form.part2.riskLevel ? { riskLevel: form.part2.riskLevel } : {}),
    windowOverride: form.overrides.length > 0,
    rolledBack: form.result.outcome === '已回退',
    ...(form.result.outcome ? { outcome: form.result.outcome } : {}),
    updatedAt: form.updatedAt,
    searchText: [...new Set(text)].join('\n'),
  };
}
