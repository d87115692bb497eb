import { namedAccessTitle } from '../domain';
import type { ProjectSummary } from '../shared/schemas/project-forms';
import type { Core } from './core';

/**
 * A project form's summary as it leaves the services: an access record names its system as the
 * register does (网上银行系统 紧急访问…, not EBANK), like every other screen's 涉及系统.
 */
export function namedSummary<T extends Pick<ProjectSummary, 'kind' | 'title' | 'systems'>>(core: Core, row: T): T {
  const code = row.kind === 'access' ? row.systems[0] : undefined;
  return code ? { ...row, title: namedAccessTitle(row.title, code, core.dir.system(code)?.name) } : row;
}
