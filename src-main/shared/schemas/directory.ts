import { z } from 'zod';
import { RoleCodeSchema, UnitKindSchema, type RoleCode, type UnitKind } from './roles';
import { NewPasswordSchema, PersonNameSchema, UnitCodeSchema, UsernameSchema } from './identity';

// The directory (domain.md, Who; §4 for the system classes): units, users with their roles,
// and the register of production systems a change form names under 涉及系统.

export interface Unit {
  code: string;
  name: string;
  kind: UnitKind;
  /** The unit this terminal belongs to (its events are signed with this terminal's key). */
  self: boolean;
  /** Fingerprint of the unit's public key, when known (own unit, or a peer's from a bundle). */
  fingerprint?: string;
}

export interface User {
  id: string;
  username: string;
  name: string;
  unitCode: string;
  roles: RoleCode[];
  disabled: boolean;
  /** Set while five wrong passwords keep the account locked (ISO time it opens again). */
  lockedUntil?: string;
}

/** §4(2)/(3): production business systems and management information systems. */
export const SYSTEM_CLASSES = ['生产业务系统', '管理信息系统'] as const;
export type SystemClass = (typeof SYSTEM_CLASSES)[number];
export const SystemClassSchema = z.enum(SYSTEM_CLASSES);

export interface SystemEntry {
  code: string;
  name: string;
  class: SystemClass;
  ownerUnit: string;
}

export const UnitsInput = z.object({}).strict();
export const SaveUnitInput = z.object({ code: UnitCodeSchema, name: z.string().trim().min(1).max(60), kind: UnitKindSchema }).strict();

export const UsersInput = z.object({}).strict();
export const SaveUserInput = z
  .object({
    id: z.string().min(1).optional(),
    username: UsernameSchema,
    name: PersonNameSchema,
    unitCode: UnitCodeSchema,
    roles: z.array(RoleCodeSchema).min(1, '至少选择一个角色'),
    password: NewPasswordSchema.optional(),
    disabled: z.boolean().optional(),
  })
  .strict();

export const SystemsInput = z.object({}).strict();
export const SaveSystemInput = z
  .object({
    code: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$/, '系统代码须为 1–32 位字母、数字、下划线或连字符'),
    name: z.string().trim().min(1).max(60),
    class: SystemClassSchema,
    ownerUnit: UnitCodeSchema,
  })
  .strict();
