import { schemaVersion } from '../store/migrate';
import type { AreaHandlers, ServiceContext } from './context';

export function appHandlers(ctx: ServiceContext): AreaHandlers<'app'> {
  return {
    'app:info': (_input, call) => ({
      version: ctx.version,
      dataDir: ctx.dataDir,
      schemaVersion: schemaVersion(ctx.db),
      setUp: ctx.db.prepare(`SELECT 1 FROM setting WHERE key = 'terminal.unit'`).get() !== undefined,
      door: call.door,
    }),
    'app:health': () => {
      let database: 'ok' | 'error' = 'ok';
      try {
        ctx.db.prepare('SELECT 1').get();
      } catch {
        database = 'error';
      }
      return { ok: database === 'ok', database, time: ctx.clock().toISOString() };
    },
  };
}
