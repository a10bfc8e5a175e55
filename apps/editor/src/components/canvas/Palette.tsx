import type { DragEvent } from 'react';
import { useReactFlow } from '@xyflow/react';
import { TypeIcon } from '../common/TypeIcon';
import { useEditor, useEditorState } from '../editor/editor-context';

export const DRAG_TYPE = 'application/x-ledgerflow-node';

/** Node types to drag onto the canvas (or click to add in the middle), plus sticky notes. */
export function Palette() {
  const { editor, specs } = useEditor();
  const rf = useReactFlow();
  const open = useEditorState((s) => s.paletteOpen);

  const centre = () => {
    const pane = document.querySelector('.lf-canvas .react-flow')?.getBoundingClientRect();
    const jitter = (editor.store.get().flow.nodes.length % 5) * 24;
    return rf.screenToFlowPosition({ x: (pane?.left ?? 0) + (pane?.width ?? 800) / 2 - 105 + jitter, y: (pane?.top ?? 0) + (pane?.height ?? 600) / 2 - 40 + jitter });
  };

  const start = (event: DragEvent, type: string) => {
    event.dataTransfer.setData(DRAG_TYPE, type);
    event.dataTransfer.setData('text/plain', type);
    event.dataTransfer.effectAllowed = 'copy';
  };

  return (
    <aside className={`lf-palette ${open ? '' : 'is-closed'}`} aria-label="Node types">
      <div className="lf-palette-head">
        <span className="lf-palette-title">Nodes</span>
        <button type="button" className="lf-icon-btn lf-palette-toggle" onClick={editor.actions.togglePalette} title={open ? 'Show icons only' : 'Show names and descriptions'} aria-label={open ? 'Collapse the palette' : 'Expand the palette'} data-testid="palette-toggle">
          {open ? '«' : '»'}
        </button>
      </div>
      <p className="lf-palette-hint">Drag onto the canvas, or click to add.</p>
      <ul>
        {specs.list().map((spec) => (
          <li key={spec.type}>
            <button
              type="button"
              className={`lf-palette-item lf-type-${spec.type}`}
              draggable
              onDragStart={(e) => start(e, spec.type)}
              onClick={() => editor.actions.addNode(spec.type, centre())}
              data-testid={`palette-${spec.type}`}
              title={spec.description}
            >
              <span className="lf-node-icon" aria-hidden>
                <TypeIcon type={spec.type} glyph={spec.icon} />
              </span>
              <span className="lf-palette-text">
                <span className="lf-palette-name">{spec.title}</span>
                <span className="lf-palette-desc">{spec.description}</span>
              </span>
            </button>
          </li>
        ))}
        <li>
          <button
            type="button"
            className="lf-palette-item lf-palette-note"
            draggable
            onDragStart={(e) => start(e, 'note')}
            onClick={() => editor.actions.addNote(centre())}
            data-testid="palette-note"
            title="A note on the canvas; it never changes what runs"
          >
            <span className="lf-node-icon" aria-hidden>
              <TypeIcon type="note" />
            </span>
            <span className="lf-palette-text">
              <span className="lf-palette-name">Sticky note</span>
              <span className="lf-palette-desc">Explain a branch or leave a to-do for the team.</span>
            </span>
          </button>
        </li>
      </ul>
    </aside>
  );
}
