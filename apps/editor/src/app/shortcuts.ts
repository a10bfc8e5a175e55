/** Keyboard shortcuts of the flow editor, as listed in the help panel. */
export const SHORTCUTS: ReadonlyArray<{ keys: string[]; does: string }> = [
  { keys: ['Ctrl', 'S'], does: 'Save a new version (a draft if it has problems)' },
  { keys: ['Ctrl', 'Enter'], does: 'Test run with the sample input' },
  { keys: ['Ctrl', 'Z'], does: 'Undo' },
  { keys: ['Ctrl', 'Shift', 'Z'], does: 'Redo (also Ctrl Y)' },
  { keys: ['Ctrl', 'C'], does: 'Copy the selected nodes and notes' },
  { keys: ['Ctrl', 'X'], does: 'Cut' },
  { keys: ['Ctrl', 'V'], does: 'Paste (also from another tab)' },
  { keys: ['Ctrl', 'D'], does: 'Duplicate the selection' },
  { keys: ['Ctrl', 'A'], does: 'Select everything' },
  { keys: ['Delete'], does: 'Delete the selection (also Backspace)' },
  { keys: ['Shift', 'drag'], does: 'Select with a box' },
  { keys: ['Ctrl', 'click'], does: 'Add to or remove from the selection' },
  { keys: ['L'], does: 'Auto-layout left to right' },
  { keys: ['F'], does: 'Fit the flow into view' },
  { keys: ['+', '−'], does: 'Zoom in and out' },
  { keys: ['N'], does: 'Add a sticky note' },
  { keys: ['Esc'], does: 'Clear the selection' },
  { keys: ['?'], does: 'Show these shortcuts' },
];

/** True when a key event comes from a text field, where editing keys belong to the field. */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}
