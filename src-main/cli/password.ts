import { UsageError, type CliIo } from './command';

/** The password for a command: CHANGEDESK_PASSWORD, else asked on the terminal. */
export async function passwordFrom(io: CliIo, question: string): Promise<string> {
  const fromEnv = io.env.CHANGEDESK_PASSWORD;
  if (fromEnv) return fromEnv;
  if (!io.readSecret) throw new UsageError('需要密码：请设置环境变量 CHANGEDESK_PASSWORD，或在终端中运行以输入密码。');
  return io.readSecret(question);
}
