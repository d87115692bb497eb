import { describe, expect, it } from 'vitest';
import type { AreaHandlers, Handlers } from '../../src-main/services';

// Checked by `tsc -b` (part of npm test): each @ts-expect-error must meet an error, so the
// contract stays closed in both directions as calls are added.
describe('contract typing', () => {
  it('makes a missing handler and a handler for no call compile errors', () => {
    const appArea = {} as AreaHandlers<'app'>;
    const info = appArea['app:info'];

    // @ts-expect-error — a handler set without app:health is not a full set of handlers
    const missing: Handlers = {} as Omit<Handlers, 'app:health'>;
    // @ts-expect-error — app:unknown is not a call of the contract
    const extra: AreaHandlers<'app'> = { ...appArea, 'app:unknown': info };
    const complete: Handlers = {} as Handlers;

    expect([missing, extra, complete]).toHaveLength(3);
  });
});
