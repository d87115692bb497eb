import { describe, expect, it, vi } from 'vitest';
import type { Dispatcher } from '../../src-main/services';
import type { ApiResult } from '../../src-main/shared/errors';

vi.mock('electron', () => ({ BrowserWindow: class {} }));
const { windowTitle } = await import('../../src-main/electron/title');

function dispatcherAnswering(answer: ApiResult<unknown>): Dispatcher & { dispatch: ReturnType<typeof vi.fn> } {
  return { dispatch: vi.fn(async () => answer), call: vi.fn() } as never;
}

describe('window title', () => {
  it("names the terminal's unit once it is set up", async () => {
    const d = dispatcherAnswering({ ok: true, value: { setUp: true, unit: { code: 'ZH-KJ', name: '总行科技信息部', kind: 'tech' } } });
    expect(await windowTitle(d)).toBe('ChangeDesk 变更发布管理台 — 总行科技信息部');
    expect(d.dispatch).toHaveBeenCalledWith('setup:status', {}, expect.objectContaining({ door: 'ipc' }));
  });

  it('is the program name before set-up, when the call is missing, or when its answer is unexpected', async () => {
    expect(await windowTitle(dispatcherAnswering({ ok: true, value: { setUp: false } }))).toBe('ChangeDesk 变更发布管理台');
    expect(await windowTitle(dispatcherAnswering({ ok: false, error: { code: 'UNKNOWN_CALL', message: '' } }))).toBe('ChangeDesk 变更发布管理台');
    expect(await windowTitle(dispatcherAnswering({ ok: true, value: 'nonsense' }))).toBe('ChangeDesk 变更发布管理台');
  });
});
