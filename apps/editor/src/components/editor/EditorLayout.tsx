import { useEffect } from 'react';
import { ReactFlowProvider } from '@xyflow/react';
import { FlowCanvas } from '../canvas/FlowCanvas';
import { Palette } from '../canvas/Palette';
import { SidePanel } from '../panels/SidePanel';
import { useEditorState } from './editor-context';
import { IssuesBar } from './IssuesBar';
import { ToastView } from './ToastView';
import { Toolbar } from './Toolbar';
import { useShortcuts } from './use-shortcuts';

/** Toolbar on top; palette, canvas and side panel below. */
export function EditorLayout() {
  return (
    <ReactFlowProvider>
      <EditorFrame />
    </ReactFlowProvider>
  );
}

function EditorFrame() {
  useShortcuts();
  const dirty = useEditorState((s) => s.flow !== s.savedFlow);
  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  return (
    <div className="lf-editor">
      <Toolbar />
      <div className="lf-editor-body">
        <Palette />
        <div className="lf-canvas-wrap">
          <FlowCanvas />
          <IssuesBar />
          <ToastView />
        </div>
        <SidePanel />
      </div>
    </div>
  );
}
