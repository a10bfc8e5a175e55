import { describe, expect, it } from 'vitest';
import { emptyHistory, MAX_HISTORY, record, redo, undo } from './history';

describe('history', () => {
  it('undoes and redoes in order', () => {
    let h = record(emptyHistory<number>(), 1);
    h = record(h, 2);
    const back = undo(h, 3);
    expect(back?.value).toBe(2);
    const back2 = undo(back!.history, 2);
    expect(back2?.value).toBe(1);
    expect(undo(back2!.history, 1)).toBeUndefined();
    const forward = redo(back2!.history, 1);
    expect(forward?.value).toBe(2);
    expect(redo(forward!.history, 2)?.value).toBe(3);
  });

  it('merges quick edits of the same field into one step, and a new edit clears redo', () => {
    let h = record(emptyHistory<string>(), 'a', 'field', 1000);
    h = record(h, 'ab', 'field', 1500);
    h = record(h, 'abc', 'other', 1600);
    expect(h.past).toEqual(['a', 'abc']);
    const back = undo(h, 'abcd');
    expect(record(back!.history, 'abc').future).toEqual([]);
  });

  it('keeps a bounded number of steps', () => {
    let h = emptyHistory<number>();
    for (let i = 0; i < MAX_HISTORY + 20; i += 1) h = record(h, i);
    expect(h.past.length).toBe(MAX_HISTORY);
    expect(h.past[0]).toBe(20);
  });
});
