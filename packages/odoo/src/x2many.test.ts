import { describe, expect, it } from 'vitest';
import { withReplacedLines, x2many } from './x2many';

describe('x2many commands', () => {
  it('builds full triples', () => {
    expect(x2many.create({ name: 'a' })).toEqual([0, 0, { name: 'a' }]);
    expect(x2many.update(3, { name: 'b' })).toEqual([1, 3, { name: 'b' }]);
    expect(x2many.remove(4)).toEqual([2, 4, 0]);
    expect(x2many.unlink(5)).toEqual([3, 5, 0]);
    expect(x2many.link(6)).toEqual([4, 6, 0]);
    expect(x2many.clear()).toEqual([5, 0, 0]);
    expect(x2many.set([1, 2])).toEqual([6, 0, [1, 2]]);
  });

  it('makes line creation replace existing lines on an update', () => {
    const values = { ref: 'x', invoice_line_ids: [x2many.create({ name: 'a' })], tax_ids: [x2many.set([1])], tags: [1, 2] };
    expect(withReplacedLines(values)).toEqual({ ref: 'x', invoice_line_ids: [[5, 0, 0], [0, 0, { name: 'a' }]], tax_ids: [[6, 0, [1]]], tags: [1, 2] });
    const alreadyCleared = { line_ids: [x2many.clear(), x2many.create({ name: 'a' })] };
    expect(withReplacedLines(alreadyCleared)).toEqual(alreadyCleared);
  });
});
