// Entry names are checked before any entry is read: a name could otherwise point outside a
// folder when someone unpacks the bundle by hand, or smuggle a second copy of a file that one
// tool reads and another ignores.

export type NameProblem =
  | { kind: 'not_utf8' }
  | { kind: 'empty' }
  | { kind: 'control' }
  | { kind: 'backslash' }
  | { kind: 'absolute' }
  | { kind: 'drive' }
  | { kind: 'parent' };

const PROBLEM_TEXT: Record<NameProblem['kind'], string> = {
  not_utf8: '不是有效的 UTF-8 文字',
  empty: '为空',
  control: '含控制字符',
  backslash: '含反斜杠「\\」',
  absolute: '是绝对路径',
  drive: '含盘符（如 C:）',
  parent: '含上级目录「..」',
};

export function nameProblemText(p: NameProblem): string {
  return PROBLEM_TEXT[p.kind];
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Decodes a raw entry name strictly; undefined when the bytes are not UTF-8. */
export function decodeEntryName(raw: Uint8Array): string | undefined {
  try {
    return utf8.decode(raw);
  } catch {
    return undefined;
  }
}

const CONTROL = /[\u0000-\u001f\u007f]/;

export function entryNameProblem(name: string): NameProblem | undefined {
  if (name.length === 0) return { kind: 'empty' };
  if (CONTROL.test(name)) return { kind: 'control' };
  if (name.includes('\\')) return { kind: 'backslash' };
  if (name.startsWith('/')) return { kind: 'absolute' };
  if (/^[a-zA-Z]:/.test(name) || name.split('/').some((part) => /^[a-zA-Z]:/.test(part))) return { kind: 'drive' };
  if (name.split('/').some((part) => part === '..')) return { kind: 'parent' };
  return undefined;
}

/**
 * The key two names collide under on a case-insensitive or normalising file system
 * (Windows, macOS): Unicode NFC, then case folded.
 */
export function collisionKey(name: string): string {
  return name.normalize('NFC').toLowerCase().normalize('NFC');
}
