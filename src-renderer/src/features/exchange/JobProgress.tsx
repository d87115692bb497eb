import type { ApiInput } from '@shared/api';
import { InboxOutlined } from '@ant-design/icons';
import { Progress, Typography, Upload } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../../api/client';
import { jobPercent, jobWords, pathsOf, runJob, uploadWords, type Job, type UploadProgress } from './transfer-client';

/** A long run as the screen follows it: uploading, then the job's phase and counts. */
export interface Run {
  busy: boolean;
  upload?: UploadProgress;
  job?: Job;
  error?: string;
}

/** Uploads (browser host) or resolves (desktop) the files, then runs the job to its end with progress. */
export function useRun(): [Run, (files: readonly File[], start: (paths: string[]) => ApiInput<'transfer:start'>) => Promise<Job | undefined>, (input: ApiInput<'transfer:start'>) => Promise<Job | undefined>] {
  const [run, setRun] = useState<Run>({ busy: false });
  async function go(input: () => Promise<ApiInput<'transfer:start'>>): Promise<Job | undefined> {
    setRun({ busy: true });
    try {
      const job = await runJob(await input(), (j) => setRun({ busy: true, job: j }));
      setRun({ busy: false, job, ...(job.error ? { error: job.error.message } : {}) });
      return job;
    } catch (e) {
      setRun({ busy: false, error: errorMessage(e) });
      return undefined;
    }
  }
  const withFiles = (files: readonly File[], start: (paths: string[]) => ApiInput<'transfer:start'>) =>
    go(async () => start(await pathsOf(files, (upload) => setRun({ busy: true, upload }))));
  return [run, withFiles, (input) => go(() => Promise.resolve(input))];
}

export function RunProgress({ run }: { run: Run }) {
  if (!run.busy && !run.job) return null;
  if (run.upload && !run.job) {
    return (
      <div data-testid="job-progress">
        <Progress percent={Math.floor((run.upload.loaded / Math.max(run.upload.total, 1)) * 100)} status="active" />
        <Typography.Text type="secondary">{uploadWords(run.upload)}</Typography.Text>
      </div>
    );
  }
  if (!run.job) return <Progress percent={0} status="active" data-testid="job-progress" />;
  const failed = run.job.status === 'failed';
  return (
    <div data-testid="job-progress">
      <Progress percent={jobPercent(run.job)} status={failed ? 'exception' : run.busy ? 'active' : 'success'} />
      <Typography.Text type="secondary" data-testid="job-phase">
        {jobWords(run.job)}
      </Typography.Text>
    </div>
  );
}

/** Drop bundles here (or click to choose); nothing is read by the page but the file list. */
export function BundleDrop({ onFiles, disabled, hint }: { onFiles: (files: File[]) => void; disabled?: boolean; hint: string }) {
  return (
    <div data-testid="bundle-drop">
    <Upload.Dragger
      multiple
      accept=".cdbundle"
      disabled={disabled}
      showUploadList={false}
      fileList={[]}
      // Every file of one drop arrives here at once; the page hands them on and uploads nothing itself.
      beforeUpload={(file, list) => {
        if (file === list[list.length - 1]) onFiles(list as unknown as File[]);
        return Upload.LIST_IGNORE;
      }}
    >
      <p className="ant-upload-drag-icon">
        <InboxOutlined />
      </p>
      <p className="ant-upload-text">把数据包（.cdbundle）拖到这里，或点击选择文件</p>
      <p className="ant-upload-hint">{hint}</p>
    </Upload.Dragger>
    </div>
  );
}
