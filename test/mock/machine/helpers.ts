import { expect } from 'vitest';
import { ManualClock } from '../../../mock-server/machine/clock.js';
import { Machine } from '../../../mock-server/machine/machine.js';
import type { DomainError, MachineOptions, Outcome } from '../../../mock-server/machine/types.js';

export const T0 = Date.parse('2026-06-15T10:30:00.000Z');
export const KEY = 'sk_test_alice_0001';
export const OTHER_KEY = 'sk_test_bob_0002';

/** A machine on a manual clock at the page's example instant. */
export function setup(options: Omit<MachineOptions, 'clock'> = {}) {
  const clock = new ManualClock(T0);
  const machine = new Machine({ seed: 7, ...options, clock });
  const create = (body: Record<string, unknown> = { image: 'node:22' }, apiKey = KEY) =>
    value(machine.create(apiKey, body));
  return { clock, machine, create };
}

/** The value of a successful outcome (fails the test otherwise). */
export function value<T>(outcome: Outcome<T>): T {
  if (!outcome.ok) expect.fail(`expected success, got ${outcome.error.code}: ${outcome.error.message}`);
  return outcome.value;
}

/** The error of a refused outcome (fails the test otherwise). */
export function refusal(outcome: Outcome<unknown>): DomainError {
  if (outcome.ok) expect.fail(`expected a refusal, got ${JSON.stringify(outcome.value)}`);
  return outcome.error;
}

export const iso = (ms: number) => new Date(ms).toISOString();
