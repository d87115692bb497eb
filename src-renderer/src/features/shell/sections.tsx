import {
  AuditOutlined,
  BarChartOutlined,
  CalendarOutlined,
  CloudUploadOutlined,
  InboxOutlined,
  InfoCircleOutlined,
  RocketOutlined,
  SettingOutlined,
  SwapOutlined,
} from '@ant-design/icons';
import type { RoleCode } from '@shared/schemas/roles';
import type { ReactNode } from 'react';

export interface Section {
  path: string;
  label: string;
  icon: ReactNode;
  /** What the section is for, citing the policy, shown until the section is built. */
  purpose: string;
  /** Roles that see the section; absent: everyone logged in. The services still check every call. */
  roles?: readonly RoleCode[];
}

const OPS: readonly RoleCode[] = ['ops_coordinator', 'ops_head', 'sysadmin', 'netadmin', 'dba', 'prod_version_admin', 'front_version_admin', 'batch_tech'];
// §28–§35: the go-live and release forms concern the project side, the reviewers and ops.
const PROJECT_SIDE: readonly RoleCode[] = ['applicant', 'dept_head', 'developer', 'project_manager', 'tester', 'pmo_reviewer', 'security_reviewer', 'it_head', ...OPS];

// The app's sections (issue #2), labelled with the policy's own terms.
export const SECTIONS: readonly Section[] = [
  { path: '/todo', label: '待办', icon: <InboxOutlined />, purpose: '等待我所担任角色处理的变更、上线和发布事项。' },
  { path: '/changes', label: '变更', icon: <AuditOutlined />, purpose: '《已投产系统变更流程单》（附件1）的填写、审批与查询（第7条至第27条）。' },
  { path: '/golive', label: '上线', icon: <RocketOutlined />, purpose: '《软件产品上线申请表》（附件2）及上线准备、试运行与验收（第28条至第31条）。', roles: PROJECT_SIDE },
  { path: '/release', label: '发布', icon: <CloudUploadOutlined />, purpose: '《系统发布申请表》（附件4）及发布准备、试运行与验收（第32条至第35条）。', roles: PROJECT_SIDE },
  { path: '/calendar', label: '日历', icon: <CalendarOutlined />, purpose: '已排期的变更、业务时间与节假日，及每周变更计划审阅（第17条(1)(2)）。' },
  { path: '/stats', label: '统计', icon: <BarChartOutlined />, purpose: '变更实施结果的定期集中评估（第26条）与检查监督（第36条）。', roles: ['ops_head', 'ops_coordinator', 'it_head', 'security_reviewer', 'pmo_reviewer', 'project_manager', 'archivist', 'dept_head', 'sysadmin', 'prod_version_admin', 'front_version_admin'] },
  { path: '/exchange', label: '交换', icon: <SwapOutlined />, purpose: '与其他部门交换数据包，及IT综合科归档（第27条）。', roles: ['admin', 'archivist', 'ops_coordinator'] },
  { path: '/settings', label: '设置', icon: <SettingOutlined />, purpose: '单位、用户与角色，系统登记，业务时间与节假日，备份。', roles: ['admin', 'ops_head'] },
  { path: '/about', label: '关于', icon: <InfoCircleOutlined />, purpose: '程序版本与数据目录。' },
];

/** The sections a user with these roles sees; without a log-in (older core) all of them. */
export function sectionsFor(roles: readonly RoleCode[] | undefined): Section[] {
  return SECTIONS.filter((s) => !roles || !s.roles || s.roles.some((r) => roles.includes(r)));
}
