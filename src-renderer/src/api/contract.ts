import type { ApiInput, ApiOutput, CallName } from '@shared/api';
import type { PendingContract } from './pending-contract';

// The shared contract first; documented-but-not-yet-merged calls only where it has no entry.
type Pending = Omit<PendingContract, CallName>;

export type UiCallName = CallName | keyof Pending;
export type UiInput<K extends UiCallName> = K extends CallName ? ApiInput<K> : K extends keyof Pending ? Pending[K]['input'] : never;
export type UiOutput<K extends UiCallName> = K extends CallName ? ApiOutput<K> : K extends keyof Pending ? Pending[K]['output'] : never;
