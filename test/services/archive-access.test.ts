import { describe, expect, it } from 'vitest';
import type { CallName } from '../../src-main/shared/api';
import { useTempDirs } from '../helpers/temp-dir';
import { makeTerminal, type Terminal } from '../exchange/terminals';

const tempDir = useTempDirs();

async function refusal(t: Terminal, name: CallName, input: unknown, channel = 'test'): Promise<{ code: string; message: string } | undefined> {
  const r = await t.services.dispatch(name, input, { door: 'test', channel });
  return r.ok ? undefined : r.error;
}

const ARCHIVE_CALLS: Array<[CallName, unknown]> = [
  ['archive:catalogue', {}],
  ['archive:report', {}],
  ['archive:verify', {}],
  ['archive:importFolder', { dir: '/nonexistent' }],
  ['transfer:start', { kind: 'archiveVerify' }],
];

// §27: IT综合科 archives the forms. The archive's calls exist on its archive terminal only — for
// its 归档管理员 and its administrator — and the 交换 screen shows the 归档 tab only when they answer.
describe('the archive belongs to IT综合科’s terminal (§27)', () => {
  it('refuses every archive call to the administrator of an ops or a department terminal, citing §27', async () => {
    for (const [unit, kind] of [
      ['OPS', 'ops'],
      ['YWB', 'business'],
    ] as const) {
      const t = await makeTerminal(tempDir(), unit, unit, kind);
      for (const [name, input] of ARCHIVE_CALLS) {
        const e = await refusal(t, name, input);
        expect(e, `${unit} ${name}`).toMatchObject({ code: 'FORBIDDEN' });
        expect(e?.message).toContain('第27条');
      }
      // The administrator still exchanges bundles with peers there.
      expect(await refusal(t, 'exchange:ownKey', {})).toBeUndefined();
    }
  });

  it('answers the archivist and the administrator of the archive terminal, not to whoever is not logged in', async () => {
    const t = await makeTerminal(tempDir(), 'ZHK', 'IT综合科', 'archive');
    expect(await t.ok('archive:catalogue', {})).toEqual([]);
    expect(await t.ok('archive:verify', {})).toEqual(expect.any(Array));
    await t.ok('auth:login', { username: 'zhk-user', password: 'user-pass-123' }, 'archivist');
    expect(await t.ok('archive:report', {}, 'archivist')).toEqual(expect.any(Array));
    expect(await t.ok('transfer:start', { kind: 'archiveVerify' }, 'archivist')).toMatchObject({ jobId: expect.any(String) });
    // Not logged in is not the archivist either.
    expect(await refusal(t, 'archive:catalogue', {}, 'nobody')).toMatchObject({ code: 'NOT_LOGGED_IN' });
  });
});
