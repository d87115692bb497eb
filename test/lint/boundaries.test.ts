import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The boundaries of architecture.md are lint rules; these probes cross each one on purpose.
const eslint = new ESLint({ cwd: process.cwd() });

async function problems(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.severity === 2).map((m) => `${m.ruleId}: ${m.message}`);
}

describe('architecture boundaries', () => {
  it('only src-main/electron/ imports electron', async () => {
    expect(await problems('src-main/store/probe.ts', "import { app } from 'electron';\nexport const x = app;\n")).toEqual([
      expect.stringContaining('no-restricted-imports'),
    ]);
    expect(await problems('src-main/electron/probe.ts', "import { app } from 'electron';\nexport const x = app;\n")).toEqual([]);
  });

  it('domain does no I/O and reads no clock', async () => {
    const fs = await problems('src-main/domain/probe.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n");
    expect(fs).toEqual([expect.stringContaining('no-restricted-imports')]);
    const store = await problems('src-main/domain/probe.ts', "import { openDatabase } from '../store';\nexport const x = openDatabase;\n");
    expect(store).toEqual([expect.stringContaining('no-restricted-imports')]);
    const clock = await problems('src-main/domain/probe.ts', 'export const now = () => Date.now();\nexport const d = () => new Date();\n');
    expect(clock).toHaveLength(2);
    expect(await problems('src-main/domain/probe.ts', 'export const d = (iso: string) => new Date(iso);\n')).toEqual([]);
  });

  it('shared imports neither electron nor node:*', async () => {
    expect(await problems('src-main/shared/probe.ts', "import { join } from 'node:path';\nexport const x = join;\n")).toHaveLength(1);
    expect(await problems('src-main/shared/probe.ts', "import { join } from 'path';\nexport const x = join;\n")).toHaveLength(1);
    expect(await problems('src-main/shared/probe.ts', "import { openDatabase } from '../store';\nexport const x = openDatabase;\n")).toHaveLength(1);
  });

  it('the renderer imports only shared/ from src-main', async () => {
    const bad = await problems('src-renderer/src/probe.ts', "import { openDatabase } from '../../src-main/store';\nexport const x = openDatabase;\n");
    expect(bad).toEqual([expect.stringContaining('no-restricted-imports')]);
    const ok = await problems('src-renderer/src/probe.ts', "import { callNames } from '@shared/api';\nexport const x = callNames;\n");
    expect(ok).toEqual([]);
  });
});
