import { useEffect } from 'react';
import { useEditor, useEditorState } from './editor-context';

/** One message at a time at the bottom of the canvas; errors stay longer. */
export function ToastView() {
  const { editor } = useEditor();
  const toast = useEditorState((s) => s.toast);

  useEffect(() => {
    if (!toast) return;
    const timer = window.setTimeout(editor.actions.dismissToast, toast.kind === 'error' ? 9000 : 4500);
    return () => window.clearTimeout(timer);
  }, [toast, editor]);

  if (!toast) return null;
  return (
    <div className={`lf-toast lf-toast-${toast.kind}`} role={toast.kind === 'error' ? 'alert' : 'status'} data-testid="toast" key={toast.id}>
      <span className="lf-toast-icon" aria-hidden>
        {toast.kind === 'error' ? '✕' : toast.kind === 'warning' ? '!' : toast.kind === 'success' ? '✓' : 'i'}
      </span>
      <span>{toast.text}</span>
      <button type="button" className="lf-toast-close" onClick={editor.actions.dismissToast} aria-label="Dismiss">
        ×
      </button>
    </div>
  );
}
