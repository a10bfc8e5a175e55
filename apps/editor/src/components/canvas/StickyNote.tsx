import { memo } from 'react';
import type { NodeProps } from '@xyflow/react';
import type { NoteCanvasNode } from '../../graph/to-canvas';
import { noteIdOf } from '../../graph/to-canvas';
import { useEditor } from '../editor/editor-context';

const COLORS = ['#fff4bf', '#dff3e4', '#e3ecff', '#fde2e4'];

/** A sticky note: drag by its top bar, type in its body. Never changes what runs. */
export const StickyNote = memo(function StickyNote({ id, data, selected }: NodeProps<NoteCanvasNode>) {
  const { editor } = useEditor();
  const noteId = noteIdOf(id) ?? id;
  const color = data.color ?? COLORS[0];
  return (
    <div className={`lf-note${selected ? ' is-selected' : ''}`} style={{ background: color }} data-testid={`note-${noteId}`}>
      <div className="lf-note-grip">
        <span>Note</span>
        <span className="lf-note-colors nodrag">
          {COLORS.map((c) => (
            <button key={c} type="button" aria-label="Note colour" style={{ background: c }} onClick={() => editor.actions.updateNote(noteId, { color: c })} />
          ))}
        </span>
      </div>
      <textarea
        className="nodrag nowheel"
        value={data.text}
        placeholder="Write a note for the next person…"
        onChange={(event) => editor.actions.updateNote(noteId, { text: event.target.value })}
      />
    </div>
  );
});
