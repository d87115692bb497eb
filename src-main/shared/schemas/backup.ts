import { z } from 'zod';

// Backups of the database in <data>/backups/ (issue #7): listed, made and restored in 设置.

export const BackupListInput = z.object({}).strict();
export const BackupCreateInput = z.object({}).strict();
/** A backup is named by its file name in <data>/backups/, never by a path (any door may call). */
export const BackupRestoreInput = z
  .object({
    name: z.string().regex(/^changedesk-[0-9]{8}-[0-9]{6}(-[0-9]+)?-(auto|manual|before-restore|before-upgrade)\.db$/, '不是有效的备份文件名'),
  })
  .strict();

/**
 * auto: at start and daily; manual: made by a person; before-restore: the data just before a
 * restore; before-upgrade: the data just before a newer program migrated it.
 */
export type BackupKind = 'auto' | 'manual' | 'before-restore' | 'before-upgrade';

export const BACKUP_KIND_LABELS: Record<BackupKind, string> = {
  auto: '自动备份',
  manual: '手动备份',
  'before-restore': '恢复前备份',
  'before-upgrade': '升级前备份',
};

export interface BackupEntry {
  /** File name in <data>/backups/. */
  name: string;
  kind: BackupKind;
  /** When the file was written, ISO 8601. */
  createdAt: string;
  sizeBytes: number;
}

export interface BackupList {
  /** Absolute path of <data>/backups/, shown to people so they can copy backups away. */
  dir: string;
  backups: BackupEntry[];
}

export interface BackupRestored {
  restoredFrom: string;
  /** The backup made of the current data just before restoring. */
  before: BackupEntry;
  schemaVersion: number;
}
