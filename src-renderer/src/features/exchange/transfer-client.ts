import type { ApiInput, ApiOutput } from '@shared/api';
import { ApiCallError, type ApiResult } from '@shared/errors';
import { call, transportKind } from '../../api/client';

// Files and long runs on the 交换 page (issue 6). Calls take paths on the machine that runs the
// services: the desktop program gives a dropped file's path (preload), the browser host takes
// an upload into its data folder first. A long run is a job the screen polls for its progress.

declare global {
  interface Window {
    /** Present under Electron only: the path of a dropped or chosen file. */
    filePaths?: { pathOf(file: File): string };
  }
}

export type Job = ApiOutput<'transfer:job'>;

export interface UploadProgress {
  index: number;
  count: number;
  name: string;
  loaded: number;
  total: number;
}

/** Streams one file to the browser host (POST /upload, same-origin, the client cookie); resolves with its path there. */
function uploadOne(file: File, onProgress: (loaded: number) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/upload?name=${encodeURIComponent(file.name)}`);
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    xhr.withCredentials = true;
    xhr.upload.onprogress = (e) => onProgress(e.loaded);
    xhr.onload = () => {
      let r: ApiResult<{ path: string }>;
      try {
        r = JSON.parse(xhr.responseText) as ApiResult<{ path: string }>;
      } catch {
        reject(new ApiCallError({ code: 'BAD_RESPONSE', message: `上传失败（HTTP ${xhr.status}）。` }));
        return;
      }
      if (r.ok) resolve(r.value.path);
      else reject(new ApiCallError(r.error));
    };
    xhr.onerror = () => reject(new ApiCallError({ code: 'HOST_UNREACHABLE', message: '上传中断：无法连接 ChangeDesk 宿主程序。' }));
    xhr.send(file);
  });
}

/** The files' paths for the services: their own paths on the desktop, uploaded copies in the browser host. */
export async function pathsOf(files: readonly File[], onProgress: (p: UploadProgress) => void): Promise<string[]> {
  const desktop = window.filePaths;
  if (desktop) return files.map((f) => desktop.pathOf(f));
  const out: string[] = [];
  for (const [i, f] of files.entries()) {
    const report = (loaded: number) => onProgress({ index: i + 1, count: files.length, name: f.name, loaded, total: f.size });
    report(0);
    out.push(await uploadOne(f, report));
  }
  return out;
}

/** Starts a job and polls it until it ends, reporting each poll; resolves with the finished job. */
export async function runJob(input: ApiInput<'transfer:start'>, onProgress: (job: Job) => void, everyMs = 250): Promise<Job> {
  const { jobId } = await call('transfer:start', input);
  for (;;) {
    const job = await call('transfer:job', { jobId });
    onProgress(job);
    if (job.status !== 'running') return job;
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

const n = (x: number) => x.toLocaleString('zh-CN');

/** 校验签名 3,200/185,000 (第 2/5 个文件：xx.cdbundle) */
export function jobWords(job: Job): string {
  const count = job.total !== null ? `${n(job.done)}/${n(job.total)}` : job.done > 0 ? n(job.done) : '';
  const file = job.fileCount > 1 ? `（第 ${job.fileIndex}/${job.fileCount} 个文件${job.fileName ? `：${job.fileName}` : ''}）` : '';
  return [job.phase, count].filter(Boolean).join(' ') + file;
}

/** 0–100 for a progress bar: the files done plus the share of the current one. */
export function jobPercent(job: Job): number {
  if (job.status !== 'running') return 100;
  const share = job.total ? Math.min(job.done / job.total, 1) : 0;
  const files = Math.max(job.fileCount, 1);
  return Math.floor(((Math.max(job.fileIndex, 1) - 1 + share) / files) * 100);
}

export function uploadWords(p: UploadProgress): string {
  const mb = (b: number) => (b / 1024 / 1024).toFixed(1);
  return `上传${p.count > 1 ? `第 ${p.index}/${p.count} 个文件` : ''}「${p.name}」 ${mb(p.loaded)}/${mb(p.total)} MB`;
}

/** Whether an export can be downloaded (the browser host) rather than written to a path the person types. */
export const downloadsExports = transportKind === 'http';

/** The download of an export job's bundle (browser host). */
export function downloadUrl(jobId: string): string {
  return `/download/${encodeURIComponent(jobId)}`;
}
