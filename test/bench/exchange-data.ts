import { randomBytes, createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { peerKeyFileText, readPeerKeyFile, terminalKeyring, type ExchangeContext } from '../../src-main/exchange';
import { PROGRAM_VERSION, coreOf, createServices, type ServiceContext } from '../../src-main/services';
import { changeEngine } from '../../src-main/services/change-service';
import { driveForm, loadDemoDirectory } from '../../src-main/services/demo/demo-data';
import { exchangeContextOf } from '../../src-main/services/exchange-service';
import { toLocalIso } from '../../src-main/services/time';
import type { ChangeState } from '../../src-main/shared/schemas/change-form';
import { openDatabase } from '../../src-main/store';
import { readUnitKey } from '../../src-main/store/unit-key';

// The exchange benchmark's data: a terminal holding 10,000 change forms (about 200,000 signed
// events) and 50 MB of attachments. A few forms are driven through the real workflow by the
// change engine; the rest repeat their event sequences (re-signed, each its own form and
// number), so the importing side folds valid workflows.

export interface Opened {
  ctx: ServiceContext;
  x: ExchangeContext;
  close(): void;
}

export function openTerminal(dataDir: string): Opened {
  const db = openDatabase(dataDir);
  createServices({ db, dataDir, passwordLogN: 12 });
  const ctx: ServiceContext = { db, dataDir, version: PROGRAM_VERSION, clock: () => new Date('2026-11-28T12:00:00Z'), passwordLogN: 12 };
  return { ctx, x: exchangeContextOf(ctx), close: () => db.close() };
}

export async function setUpTerminal(dataDir: string, unitCode: string, unitName: string, kind: 'ops' | 'archive'): Promise<void> {
  const db = openDatabase(dataDir);
  const services = createServices({ db, dataDir, passwordLogN: 12, clock: () => new Date('2026-11-28T12:00:00Z') });
  const r = await services.call(
    'setup:init',
    { unitCode, unitName, unitKind: kind, adminUsername: 'admin', adminName: '管理员', adminPassword: 'bench-pass-1' },
    { door: 'test', channel: 'bench' },
  );
  if (!r.ok) throw new Error(r.error.message);
  db.close();
}

/** Makes the terminal in `to` trust the one in `from` (as an administrator who compared the fingerprint). */
export function trust(from: string, to: string): void {
  const a = openTerminal(from);
  const key = terminalKeyring(a.x).key(a.x.self.unit)!;
  const file = join(from, 'own.cdkey');
  writeFileSync(file, peerKeyFileText({ unit: a.x.self.unit, name: a.x.self.name, kind: a.x.self.kind, publicKeyPem: a.x.self.publicKeyPem, fingerprint: key.fingerprint }));
  a.close();
  const b = openTerminal(to);
  b.x.db.transaction(() => b.x.store.savePeer(readPeerKeyFile(file), b.x.now(), 'bench'))();
  b.close();
}

/**
 * Where the generated forms stop, repeated over the data set. ISSUE_MIX is issue 5's data set,
 * "10,000 forms with about 200,000 events": a unit's forms in every stage of the workflow, five
 * in twelve archived (31 events each; about 19.5 events a form on average). FULL_WORKFLOW is
 * the heavier set measured before: six in eight archived (about 29 events a form).
 */
export const ISSUE_MIX: ChangeState[] = [
  'archived',
  'pending_archive',
  'archived',
  'scheduled',
  'archived',
  'planning',
  'pending_impl_approval',
  'archived',
  'implemented',
  'not_recommended',
  'archived',
  'pending_assessment_approval',
];
export const FULL_WORKFLOW: ChangeState[] = ['archived', 'archived', 'archived', 'pending_archive', 'scheduled', 'archived', 'archived', 'archived'];

export interface Generated {
  forms: number;
  events: number;
  attachments: number;
  attachmentBytes: number;
}

export async function generateSource(dataDir: string, forms: number, attachmentCount: number, attachmentBytes: number, stops: readonly ChangeState[] = ISSUE_MIX): Promise<Generated> {
  await setUpTerminal(dataDir, 'OPS', '科技信息部运行维护中心', 'ops');
  const t = openTerminal(dataDir);
  const core = coreOf(t.ctx);
  const admin = core.dir.users().find((u) => u.username === 'admin')!;
  const { users } = await loadDemoDirectory(core, admin, 12);
  const engine = changeEngine(core);

  // Templates: real workflows driven by the engine.
  const templates: Array<Array<{ type: string; author: string; role: string; payload: unknown; time: string }>> = [];
  const start = Date.parse('2026-09-01T20:00:00+08:00');
  core.write(() => {
    stops.forEach((stop, i) => {
      const state = driveForm(
        engine,
        users,
        {
          unit: users.actor('applicant', i % 2 ? 'CORP' : 'RETAIL').unitCode,
          unitName: i % 2 ? '公司业务部' : '零售业务部',
          title: `基准测试变更 ${i}`,
          content: '按总行通知调整参数，并同步修改相关报表口径与接口配置。',
          systems: ['CORE'],
          changeType: '业务参数修改',
          emergency: false,
          conclusion: stop === 'not_recommended' ? '不建议实施' : '建议实施',
          risk: i % 3 === 0 ? '高' : '中',
          interrupt: i % 2 === 0,
          outcome: '成功',
          override: false,
          testedBefore: true,
          devAssess: true,
        },
        stop,
        start + i * 86_400_000,
        120,
      );
      templates.push(core.log.streamEvents(state.formId).map((e) => ({ type: e.type, author: e.author, role: e.role, payload: e.payload, time: e.time })));
    });
  });

  // Attachments in the data folder, each referenced by a note on a form.
  const dir = join(dataDir, 'attachments');
  mkdirSync(dir, { recursive: true });
  const shas: string[] = [];
  for (let i = 0; i < attachmentCount; i++) {
    const data = randomBytes(attachmentBytes);
    const sha = createHash('sha256').update(data).digest('hex');
    writeFileSync(join(dir, sha), data);
    shas.push(sha);
  }

  const signer = { origin: core.requireTerminalUnit().code, privateKey: readUnitKey(dataDir).privateKey };
  const perBatch = 500;
  const step = Math.max(1, Math.floor(forms / attachmentCount));
  let made = templates.length;
  while (made < forms) {
    core.write(() => {
      for (let k = 0; k < perBatch && made < forms; k++, made++) {
        const tpl = templates[made % templates.length]!;
        const formId = `bench-${String(made).padStart(6, '0')}`;
        const formNo = `BG-OPS-2025-${String(made + 1).padStart(5, '0')}`;
        for (const e of tpl) {
          const payload = e.type === 'change.create' ? { ...(e.payload as object), formNo } : e.payload;
          core.log.append({ stream: formId, type: e.type, author: e.author, role: e.role, time: e.time, payload }, signer);
        }
        const nth = made - templates.length;
        const s = nth % step === 0 ? shas[nth / step] : undefined;
        if (s) {
          const time = toLocalIso(new Date(start));
          core.log.append({ stream: formId, type: 'note.attached', author: admin.id, role: 'admin', time, payload: { name: '签字页扫描件.pdf', sha256: s } }, signer);
        }
      }
    });
  }
  const events = t.ctx.db.prepare('SELECT count(*) FROM event').pluck().get() as number;
  t.close();
  return { forms, events, attachments: shas.length, attachmentBytes: attachmentCount * attachmentBytes };
}
