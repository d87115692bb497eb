import { hostname } from 'node:os';
import type { DocumentContext } from '../pdf';
import type { Core } from './core';

/** The terminal as the footer names it: this unit and this machine. */
function terminalName(core: Core): string {
  const unit = core.terminalUnit();
  return unit ? `${unit.name}·${hostname()}` : hostname();
}

/** Where and when a document prints, with the names of the system register and the directory's units. */
export function documentContext(core: Core): DocumentContext {
  const systemNames: Record<string, string> = {};
  for (const s of core.dir.systems()) systemNames[s.code] = s.name;
  const unitNames: Record<string, string> = {};
  for (const u of core.dir.units(core.terminalUnit()?.code)) unitNames[u.code] = u.name;
  return { printedAt: core.now(), terminal: terminalName(core), systemNames, unitNames };
}
