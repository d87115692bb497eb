import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { logError } from '../../src-main/store';
import { useTempDirs } from '../helpers/temp-dir';

const tempDir = useTempDirs();

describe('error log', () => {
  it('appends dated entries to one file per day in <data>/logs', () => {
    const dir = tempDir();
    const at = new Date(2026, 10, 28, 14, 5, 9);
    const file = logError(dir, '调用 change:submit', new Error('boom'), at);
    logError(dir, '界面错误', 'plain text', at);
    logError(dir, 'object', { code: 42 }, at);
    expect(file).toBe(join(dir, 'logs', 'changedesk-2026-11-28.log'));
    const text = readFileSync(file, 'utf8');
    expect(text).toMatch(/^2026-11-28 14:05:09 \[调用 change:submit\] Error: boom\n\s+at /);
    expect(text).toContain('2026-11-28 14:05:09 [界面错误] plain text\n');
    expect(text).toContain('[object] {"code":42}\n');
  });

  it('never throws when the log cannot be written (the error is still printed)', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'logs'), 'a file where the logs folder should be');
    const spy = vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(() => logError(dir, 'x', new Error('kept'))).not.toThrow();
    expect(String(spy.mock.calls[0]?.[0])).toContain('无法写入错误日志');
    expect(spy.mock.calls[0]).toContainEqual(new Error('kept'));
    spy.mockRestore();
  });
});
