import { z } from 'zod';
import type { Dispatcher } from '../services';
import { PROGRAM_TITLE } from './window';

// `setup:status` (issue 3) names the terminal's unit once it is set up. Read through the
// dispatcher by name so that this works whether or not that call exists yet.
const SetupStatus = z.object({ setUp: z.boolean(), unit: z.object({ name: z.string() }).passthrough().optional() }).passthrough();

/** `ChangeDesk 变更发布管理台 — 总行科技信息部` once set up, the program's name before. */
export async function windowTitle(services: Dispatcher): Promise<string> {
  const r = await services.dispatch('setup:status', {}, { door: 'ipc', channel: 'ipc:title' });
  if (!r.ok) return PROGRAM_TITLE;
  const status = SetupStatus.safeParse(r.value);
  const unit = status.success ? status.data.unit?.name : undefined;
  return unit ? `${PROGRAM_TITLE} — ${unit}` : PROGRAM_TITLE;
}
