import { z } from 'zod';

// Who (domain.md, §6, §17, §19, §30): organisation units and the roles users hold in them.
// Codes are stable identifiers stored in events; labels are what people read.

export const UNIT_KINDS = {
  business: '需求部门/申请部门',
  ops: '科技信息部·运行维护中心',
  dev: '科技信息部·软件开发中心',
  test: '科技信息部·测试评估中心',
  security: '科技信息部·安全科',
  pmo: '科技信息部·项目管理科',
  it_dept: '科技信息部',
  archive: 'IT综合科',
  notice: '通知对象（行长办公室、客户服务中心）',
} as const;
export type UnitKind = keyof typeof UNIT_KINDS;
export const UnitKindSchema = z.enum(Object.keys(UNIT_KINDS) as [UnitKind, ...UnitKind[]]);

export const ROLES = {
  admin: { label: '系统管理员（本程序）', unit: null },
  applicant: { label: '申请人', unit: 'business' },
  dept_head: { label: '部门负责人', unit: 'business' },
  ops_coordinator: { label: '受理人', unit: 'ops' },
  ops_head: { label: '运行维护中心负责人', unit: 'ops' },
  sysadmin: { label: '系统管理员', unit: 'ops' },
  netadmin: { label: '网络管理员', unit: 'ops' },
  dba: { label: '数据库管理员', unit: 'ops' },
  prod_version_admin: { label: '生产系统版本管理员', unit: 'ops' },
  front_version_admin: { label: '前台版本管理员', unit: 'ops' },
  batch_tech: { label: '批处理技术人员', unit: 'ops' },
  developer: { label: '开发人员', unit: 'dev' },
  project_manager: { label: '项目经理', unit: 'dev' },
  tester: { label: '测试人员', unit: 'test' },
  security_reviewer: { label: '信息安全审阅人', unit: 'security' },
  pmo_reviewer: { label: '项目管理审核人', unit: 'pmo' },
  it_head: { label: '科技信息部负责人', unit: 'it_dept' },
  archivist: { label: '归档管理员', unit: 'archive' },
} as const satisfies Record<string, { label: string; unit: UnitKind | null }>;

export type RoleCode = keyof typeof ROLES;
export const RoleCodeSchema = z.enum(Object.keys(ROLES) as [RoleCode, ...RoleCode[]]);

export function roleLabel(role: RoleCode): string {
  return ROLES[role].label;
}

/** Roles on the ops side of a change form: a 开发人员 never acts in one on the same form (§17(4)–(8)). */
export const OPS_SIDE_ROLES: readonly RoleCode[] = [
  'ops_coordinator',
  'ops_head',
  'sysadmin',
  'netadmin',
  'dba',
  'prod_version_admin',
  'front_version_admin',
  'batch_tech',
];

/** Units a §19 business-impact notice must reach at least. */
export const REQUIRED_NOTICE_UNITS = ['行长办公室', '客户服务中心'] as const;
