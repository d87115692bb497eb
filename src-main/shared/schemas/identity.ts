import { z } from 'zod';
import { UnitKindSchema, type RoleCode, type UnitKind } from './roles';

// Terminal set-up and log-in (issue 3; core-interface.md, Identity and directory contract).

/** A unit code is part of every form number (`BG-<code>-2026-0007`) and of every event's origin. */
export const UnitCodeSchema = z
  .string()
  .trim()
  .regex(/^[A-Z][A-Z0-9]{1,11}$/, '单位代码须为 2–12 位大写字母或数字，以字母开头');
export const UsernameSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{1,31}$/, '用户名须为 2–32 位字母、数字、点、下划线或连字符');
export const PersonNameSchema = z.string().trim().min(1).max(40);
/** Passwords: at least 8 characters; the hash is scrypt (N ≥ 2^17) in the main process. */
export const NewPasswordSchema = z.string().min(8, '密码至少 8 个字符').max(128);

export const SetupStatusInput = z.object({}).strict();
export const SetupInitInput = z
  .object({
    unitCode: UnitCodeSchema,
    unitName: z.string().trim().min(1).max(60),
    unitKind: UnitKindSchema,
    adminUsername: UsernameSchema,
    adminName: PersonNameSchema,
    adminPassword: NewPasswordSchema,
    loadDemo: z.boolean().optional(),
  })
  .strict();

export interface UnitRef {
  code: string;
  name: string;
  kind: UnitKind;
}

export interface SetupStatus {
  setUp: boolean;
  unit?: UnitRef;
}

export interface SetupInitResult {
  unit: UnitRef;
  /** Fingerprint of this terminal's Ed25519 public key, for peers to compare by phone or on paper. */
  fingerprint: string;
}

export const LoginInput = z.object({ username: z.string().trim().min(1), password: z.string().min(1) }).strict();
export const LogoutInput = z.object({}).strict();
export const SessionInput = z.object({}).strict();
export const LockInput = z.object({}).strict();
export const UnlockInput = z.object({ password: z.string().min(1) }).strict();
export const ChangePasswordInput = z.object({ oldPassword: z.string().min(1), newPassword: NewPasswordSchema }).strict();

export interface SessionUser {
  id: string;
  username: string;
  name: string;
  unitCode: string;
  roles: RoleCode[];
}

export interface Session {
  user: SessionUser;
  /** True once the session was idle longer than idleLockMinutes (or locked by hand). */
  locked: boolean;
  idleLockMinutes: number;
}

