import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { AppError } from '../shared/errors';
import { MAX_UPLOAD_BYTES, type JobKind, type JobResult, type JobView } from '../shared/schemas/transfer';
import type { ApiParsedInput } from '../shared/api';
import { BUNDLE_EXTENSION, exportBundle, verifyArchive, type ImportOptions } from '../exchange';
import type { AreaHandlers, ServiceContext } from './context';
import { coreOf, requireRole } from './core';
import { cleanStaleUploads, inside, uploadsDir } from './uploads';
import { ARCHIVE_ROLES, EXCHANGE_ROLES, exchangeContextOf, exportSummary, importFiles, requireArchive } from './exchange-service';

// Long exchange runs as jobs (issue 6): started by one call, followed by polling another, so a
// screen shows a progress bar with the phase in words while 185,000 events are checked. Jobs run
// one after another (an import stages its events in one connection's TEMP table).

const OUTGOING = 'outgoing';
/** A finished job stays readable this long (ms) for the screen that polls it. */
const KEEP_FINISHED_MS = 60 * 60 * 1000;

interface Job {
  view: JobView;
  owner: string;
  /** Uploaded files to remove once imported. */
  uploads: string[];
  downloadPath?: string;
}

const PHASES: Record<string, string> = {
  attachments: '校验附件',
  events: '校验签名',
  applying: '写入事件',
  done: '完成',
};
const EXPORT_PHASES: Record<string, string> = { events: '写出事件', attachments: '写出附件', done: '完成' };

/** A file name safe inside the data folder: no separators, no leading dots, no control characters. */
function safeName(name: string): string {
  const base = basename(name.replace(/\\/g, '/'))
    .replace(/[\u0000-\u001f<>:"/\\|?*]/g, '_')
    .replace(/^\.+/, '');
  return (base || 'bundle').slice(0, 120);
}

class Jobs {
  private readonly jobs = new Map<string, Job>();
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly ctx: ServiceContext) {}

  private now(): string {
    return coreOf(this.ctx).now();
  }

  start(owner: string, kind: JobKind, fileCount: number, run: (job: Job) => Promise<JobResult>, uploads: string[] = []): string {
    this.prune();
    const id = randomBytes(16).toString('hex');
    const job: Job = {
      owner,
      uploads,
      view: { id, kind, status: 'running', phase: '排队等待', done: 0, total: null, fileIndex: 0, fileCount, fileName: null, startedAt: this.now(), finishedAt: null },
    };
    this.jobs.set(id, job);
    this.queue = this.queue.then(async () => {
      try {
        job.view.result = await run(job);
        job.view.status = 'done';
        job.view.phase = '完成';
      } catch (e) {
        job.view.status = 'failed';
        job.view.error = e instanceof AppError ? { code: e.code, message: e.message } : { code: 'INTERNAL', message: `处理失败：${(e as Error).message}` };
      } finally {
        job.view.finishedAt = this.now();
        for (const f of job.uploads) rmSync(f, { force: true });
      }
    });
    return id;
  }

  get(owner: string, id: string): Job {
    const job = this.jobs.get(id);
    // Another user's job is as unknown as a job that never was.
    if (!job || job.owner !== owner) throw new AppError('JOB_UNKNOWN', '没有这项任务（可能已过期），请重新开始。');
    return job;
  }

  private prune(): void {
    const cutoff = Date.now() - KEEP_FINISHED_MS;
    for (const [id, j] of this.jobs) {
      if (j.view.finishedAt && Date.parse(j.view.finishedAt) < cutoff) {
        if (j.downloadPath) rmSync(j.downloadPath, { force: true });
        this.jobs.delete(id);
      }
    }
  }
}

const registry = new WeakMap<ServiceContext, Jobs>();
function jobsOf(ctx: ServiceContext): Jobs {
  let j = registry.get(ctx);
  if (!j) {
    j = new Jobs(ctx);
    registry.set(ctx, j);
  }
  return j;
}

function progress(job: Job, phases: Record<string, string>): (p: { phase: string; done: number; total?: number }) => void {
  return (p) => {
    job.view.phase = phases[p.phase] ?? p.phase;
    job.view.done = p.done;
    job.view.total = p.total ?? null;
  };
}

export function transferHandlers(ctx: ServiceContext): AreaHandlers<'transfer'> {
  const x = () => exchangeContextOf(ctx);
  const jobs = () => jobsOf(ctx);

  async function importMany(job: Job, paths: readonly string[], options: ImportOptions): Promise<JobResult> {
    const items = [];
    for (const [i, p] of paths.entries()) {
      job.view.fileIndex = i + 1;
      // An uploaded copy is named <random>-<the person's file name>; they know it by the latter.
      job.view.fileName = inside(uploadsDir(ctx.dataDir), p) ? basename(p).replace(/^[0-9a-f]{16}-/, '') : basename(p);
      items.push(...(await importFiles(x(), [p], { ...options, onProgress: progress(job, PHASES) })));
    }
    return { kind: 'import', items };
  }

  function start(input: ApiParsedInput<'transfer:start'>, owner: string): string {
    const uploadDir = uploadsDir(ctx.dataDir);
    const uploaded = (paths: readonly string[]) => paths.filter((p) => inside(uploadDir, p));
    switch (input.kind) {
      case 'import':
        return jobs().start(owner, 'import', input.paths.length, (job) => importMany(job, input.paths, { confirmOtherAddressee: input.confirmOtherAddressee === true }), uploaded(input.paths));
      case 'archiveImport': {
        if (input.paths) {
          // The archive receives every unit's bundles, whoever they were addressed to (archive.ts).
          return jobs().start(owner, 'archiveImport', input.paths.length, (job) => importMany(job, input.paths!, { confirmOtherAddressee: true }), uploaded(input.paths));
        }
        if (!input.dir) throw new AppError('ARCHIVE_FOLDER', '请选择存放数据包的文件夹，或拖入数据包文件。');
        let names: string[];
        try {
          names = readdirSync(input.dir).filter((n) => n.toLowerCase().endsWith(BUNDLE_EXTENSION)).sort();
        } catch (e) {
          throw new AppError('ARCHIVE_FOLDER', `无法读取文件夹「${input.dir}」：${(e as Error).message}`);
        }
        if (names.length === 0) throw new AppError('ARCHIVE_EMPTY', `文件夹「${input.dir}」中没有数据包（${BUNDLE_EXTENSION}）。`);
        const paths = names.map((n) => join(input.dir!, n));
        // As importFolder (archive.ts), one file after another, so that the screen can say which.
        return jobs().start(owner, 'archiveImport', paths.length, (job) => importMany(job, paths, { confirmOtherAddressee: true }));
      }
      case 'export': {
        let path = input.path;
        let downloadName: string | undefined;
        if (!path) {
          const dir = join(ctx.dataDir, OUTGOING);
          mkdirSync(dir, { recursive: true });
          const c = x();
          downloadName = `${c.self.unit}-${input.full ? 'full' : `to-${input.to}`}-${c.now().slice(0, 10)}-${randomBytes(3).toString('hex')}.cdbundle`;
          path = join(dir, downloadName);
        }
        const target = path;
        return jobs().start(owner, 'export', 1, async (job) => {
          const r = await exportBundle(x(), { ...(input.to ? { to: input.to } : {}), full: input.full === true, path: target, onProgress: progress(job, EXPORT_PHASES) });
          if (downloadName) job.downloadPath = r.path;
          return {
            kind: 'export',
            summary: exportSummary(r),
            ...(downloadName ? { downloadName } : {}),
          };
        });
      }
      case 'archiveVerify':
        return jobs().start(owner, 'archiveVerify', 0, async (job) => {
          job.view.phase = '核对事件链';
          const checks = await verifyArchive(x(), (unit, done) => {
            job.view.phase = `核对事件链（${unit}）`;
            job.view.done = done;
          });
          return { kind: 'archiveVerify', checks };
        });
    }
  }


  return {
    'transfer:upload': (input, call) => {
      requireRole(ctx, call, EXCHANGE_ROLES);
      const dir = uploadsDir(ctx.dataDir);
      mkdirSync(dir, { recursive: true });
      // A host left running for days: what was abandoned meanwhile goes as new files arrive
      // (the files' own times are the machine's, so is the time they are compared with).
      cleanStaleUploads(ctx.dataDir, Date.now());
      return { path: join(dir, `${randomBytes(8).toString('hex')}-${safeName(input.name)}`), maxBytes: Math.min(input.size, MAX_UPLOAD_BYTES) };
    },
    'transfer:start': (input, call) => {
      // The archive's jobs only on IT综合科's archive terminal (§27); the others for whoever exchanges.
      const user = input.kind === 'archiveImport' || input.kind === 'archiveVerify' ? requireArchive(ctx, call) : requireRole(ctx, call, EXCHANGE_ROLES);
      return { jobId: start(input, user.id) };
    },
    'transfer:job': (input, call) => {
      const user = requireRole(ctx, call, [...EXCHANGE_ROLES, ...ARCHIVE_ROLES]);
      return jobs().get(user.id, input.jobId).view;
    },
    'transfer:download': (input, call) => {
      const user = requireRole(ctx, call, EXCHANGE_ROLES);
      const job = jobs().get(user.id, input.jobId);
      const r = job.view.result;
      if (job.view.status !== 'done' || r?.kind !== 'export' || !r.downloadName || !job.downloadPath) throw new AppError('NO_DOWNLOAD', '这项任务没有可下载的数据包。');
      return { path: job.downloadPath, name: r.downloadName };
    },
  };
}
