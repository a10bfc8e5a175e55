import { describe, expect, it } from 'vitest';
import { createFaultInjector } from './faults';

const call = { model: 'account.move', method: 'create' };

describe('fault injector', () => {
  it('forces the next N calls, optionally only matching ones', () => {
    const faults = createFaultInjector();
    faults.next('503', 2, { method: 'create' });
    expect(faults.pick({ model: 'res.partner', method: 'search' }).kind).toBeUndefined();
    expect(faults.pick(call).kind).toBe('503');
    expect(faults.pick(call).kind).toBe('503');
    expect(faults.pick(call).kind).toBeUndefined();
    expect(faults.stats['503']).toBe(2);
  });

  it('draws random faults reproducibly from the seed', () => {
    const draw = () => {
      const faults = createFaultInjector(7);
      faults.set({ rate: 0.3, kinds: ['502', '429', 'drop'] });
      return Array.from({ length: 50 }, () => faults.pick(call).kind ?? 'ok');
    };
    const first = draw();
    expect(draw()).toEqual(first);
    const faulted = first.filter((kind) => kind !== 'ok').length;
    expect(faulted).toBeGreaterThan(5);
    expect(faulted).toBeLessThan(30);
  });

  it('applies latency and faults only to onlyMethods', () => {
    const faults = createFaultInjector();
    faults.set({ rate: 1, kinds: ['504'], latencyMs: 20, onlyMethods: ['account.move.create'] });
    expect(faults.pick({ model: 'res.partner', method: 'create' })).toEqual({ kind: undefined, latencyMs: 0 });
    expect(faults.pick(call)).toEqual({ kind: '504', latencyMs: 20 });
  });

  it('is down until told otherwise, and clear() resets everything', () => {
    const faults = createFaultInjector();
    faults.down(true);
    faults.countDown();
    faults.next('serialization');
    expect(faults.isDown).toBe(true);
    faults.clear();
    expect(faults.isDown).toBe(false);
    expect(faults.pick(call).kind).toBeUndefined();
    expect(faults.stats.down).toBe(0);
  });
});
