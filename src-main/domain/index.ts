// The pure domain (architecture.md): forms, states, transitions and policy rules. No I/O and no
// clock: times, ids and numbers come in through the context.
export * from './calendar';
export * from './change-form';
export * from './golive';
export { reachable } from './workflow';
export type { FlowContext, Person } from './workflow';
export * from './supervision';
