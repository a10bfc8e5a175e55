import { FIT_OPTIONS } from '../canvas/view-options';
import { useEffect } from 'react';
import { useReactFlow } from '@xyflow/react';
import { isTyping } from '../../app/shortcuts';
import { parseClipboard } from '../../graph/clipboard';
import { triggerSample } from '../../mapping/sample-input';
import { useEditor } from './editor-context';

/** The editor's keyboard shortcuts (see app/shortcuts.ts for the list shown to users). */
export function useShortcuts(): void {
  const { editor, specs } = useEditor();
  const rf = useReactFlow();

  useEffect(() => {
    const { actions, store } = editor;
    const center = () => {
      const pane = document.querySelector('.react-flow')?.getBoundingClientRect();
      return rf.screenToFlowPosition({ x: (pane?.left ?? 0) + (pane?.width ?? 800) / 2 - 100, y: (pane?.top ?? 0) + (pane?.height ?? 600) / 2 - 40 });
    };
    const onKey = (event: KeyboardEvent) => {
      const mod = event.ctrlKey || event.metaKey;
      const key = event.key.toLowerCase();
      if (mod && key === 's') {
        event.preventDefault();
        void actions.save();
        return;
      }
      if (isTyping(event.target)) {
        if (event.key === 'Escape' && event.target instanceof HTMLElement) event.target.blur();
        return;
      }
      const handled = (() => {
        if (mod && key === 'enter') {
          void actions.startRun(triggerSample(store.get().flow, specs) ?? {});
        } else if (mod && key === 'z' && event.shiftKey) actions.redo();
        else if (mod && key === 'z') actions.undo();
        else if (mod && key === 'y') actions.redo();
        else if (mod && key === 'c') actions.copy();
        else if (mod && key === 'x') actions.cut();
        else if (mod && key === 'v') {
          if (!store.get().clipboard) return false; // let the browser fire "paste" (content from another tab)
          actions.paste();
        } else if (mod && key === 'd') {
          if (actions.copy() > 0) actions.paste();
        } else if (mod && key === 'a') actions.selectAll();
        else if (mod) return false;
        else if (event.key === 'Delete' || event.key === 'Backspace') actions.deleteSelection();
        else if (event.key === 'Escape') actions.select({ nodes: [], edges: [], notes: [] });
        else if (key === 'l') {
          actions.autoLayout();
          window.setTimeout(() => void rf.fitView(FIT_OPTIONS), 30);
        } else if (key === 'f') void rf.fitView(FIT_OPTIONS);
        else if (key === '+' || key === '=') void rf.zoomIn({ duration: 150 });
        else if (key === '-') void rf.zoomOut({ duration: 150 });
        else if (key === 'n') actions.addNote(center());
        else if (event.key === '?') actions.setPanel('help');
        else return false;
        return true;
      })();
      if (handled) event.preventDefault();
    };
    const onPaste = (event: ClipboardEvent) => {
      if (isTyping(event.target)) return;
      const content = parseClipboard(event.clipboardData?.getData('text/plain') ?? '');
      if (content) {
        event.preventDefault();
        actions.paste(content);
      }
    };
    window.addEventListener('keydown', onKey);
    document.addEventListener('paste', onPaste);
    return () => {
      window.removeEventListener('keydown', onKey);
      document.removeEventListener('paste', onPaste);
    };
  }, [editor, rf, specs]);
}
