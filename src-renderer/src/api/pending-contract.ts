// The calls of core-interface.md that the renderer codes against before they reach
// `@shared/api`. A call the shared contract declares always wins (see ./contract.ts), so
// each entry here falls away by itself once the core branch is merged; then delete it.
import type { CalendarYearImport, PolicySettings } from '@shared/schemas/calendar';
import type { RoleCode, UnitKind } from '@shared/schemas/roles';

export interface UnitDto {
  code: string;
  name: string;
  kind: UnitKind;
}
export interface SessionUserDto {
  id: string;
  username: string;
  name: string;
  unitCode: string;
  roles: RoleCode[];
}
export interface SessionDto {
  user: SessionUserDto;
  locked: boolean;
  idleLockMinutes: number;
}
export interface UserDto extends SessionUserDto {
  disabled?: boolean;
}
export type SystemClass = '生产业务系统' | '管理信息系统';
export interface SystemEntryDto {
  code: string;
  name: string;
  class: SystemClass;
  ownerUnit: string;
}

type Empty = Record<string, never>;

export interface PendingContract {
  'setup:status': { input: Empty; output: { setUp: boolean; unit?: UnitDto } };
  'setup:init': {
    input: { unitCode: string; unitName: string; unitKind: UnitKind; adminUsername: string; adminName: string; adminPassword: string; loadDemo?: boolean };
    output: { unit: UnitDto; fingerprint: string };
  };
  'auth:login': { input: { username: string; password: string }; output: SessionDto };
  'auth:logout': { input: Empty; output: Empty };
  'auth:session': { input: Empty; output: SessionDto | null };
  'auth:lock': { input: Empty; output: Empty };
  'auth:unlock': { input: { password: string }; output: SessionDto };
  'auth:changePassword': { input: { oldPassword: string; newPassword: string }; output: Empty };
  'directory:units': { input: Empty; output: UnitDto[] };
  'directory:saveUnit': { input: UnitDto; output: unknown };
  'directory:users': { input: Empty; output: UserDto[] };
  'directory:saveUser': {
    input: { id?: string; username: string; name: string; unitCode: string; roles: RoleCode[]; password?: string; disabled?: boolean };
    output: unknown;
  };
  'directory:systems': { input: Empty; output: SystemEntryDto[] };
  'directory:saveSystem': { input: SystemEntryDto; output: unknown };
  'settings:get': { input: Empty; output: PolicySettings };
  'settings:save': { input: PolicySettings; output: unknown };
  'settings:importCalendarYear': { input: CalendarYearImport; output: unknown };
}
