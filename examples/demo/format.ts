/**
 * Small formatting helpers so each demo step prints one readable line, not a wall of JSON.
 */
import type { Sandbox } from '../../src/index.js';

/** `300000` → `5 min`, `1500` → `1.5 s`, `76` → `76 ms`, `0` → `off`. */
export function duration(ms: number): string {
  if (ms === 0) return 'off';
  if (ms < 1000) return `${ms} ms`;
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000} h`;
  if (ms % 60_000 === 0) return `${ms / 60_000} min`;
  if (ms >= 60_000) return `${Math.floor(ms / 60_000)} min ${(ms % 60_000) / 1000} s`;
  return `${ms / 1000} s`;
}

/** The time part of an ISO timestamp: `2026-06-15T10:32:00.000Z` → `10:32:00`. */
export function clockTime(iso: string | undefined): string {
  return iso ? iso.slice(11, 19) : '—';
}

/** `2 vCPU, 4096 MB RAM, 10240 MB disk`. */
export function resources(sandbox: Pick<Sandbox, 'resources'>): string {
  const { cpu, memoryMb, diskMb } = sandbox.resources;
  return `${cpu} vCPU, ${memoryMb} MB RAM, ${diskMb} MB disk`;
}

/** `deny except github.com, registry.npmjs.org` or `allow`. */
export function egress(sandbox: Pick<Sandbox, 'network'>): string {
  const { allow, default: policy } = sandbox.network.egress;
  return allow?.length ? `${policy} except ${allow.join(', ')}` : policy;
}

/** Prints a numbered section title. */
export function section(title: string): void {
  console.log(`\n${title}`);
}

/** Prints one indented step line. */
export function step(text: string): void {
  console.log(`  ${text}`);
}
