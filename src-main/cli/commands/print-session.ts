import type { CallMeta } from '../../services';
import { EXIT_REFUSED, UsageError, type CliIo, type CommandArgs } from '../command';
import { openData, type OpenedData } from '../open-data';
import { passwordFrom } from '../password';

/** Options every print command takes: who prints, and from which data folder. */
export const printSessionOptions = { 'data-dir': { type: 'string' as const }, user: { type: 'string' as const } };

/**
 * Runs `fn` logged in as --user (printing needs a log-in like any call: the services check
 * who may see which form). The password comes from CHANGEDESK_PASSWORD or the terminal.
 */
export async function withPrintSession(args: CommandArgs, io: CliIo, fn: (data: OpenedData, call: CallMeta) => Promise<number>): Promise<number> {
  const user = args.values.user;
  if (typeof user !== 'string') throw new UsageError('需要 --user 用户名（打印与其他操作一样须登录）。');
  const password = await passwordFrom(io, `用户 ${user} 的密码：`);
  const data = openData(args.values['data-dir'], io);
  const call = { door: 'cli' as const, channel: 'cli' };
  try {
    const login = await data.services.call('auth:login', { username: user, password }, call);
    if (!login.ok) {
      io.stderr(`登录失败：${login.error.message}\n`);
      return EXIT_REFUSED;
    }
    return await fn(data, call);
  } finally {
    data.close();
  }
}
