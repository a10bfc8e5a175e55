import { useEffect, useState } from 'react';
import { simulateInput, triggerSample } from '../../mapping/sample-input';
import { useEditor, useEditorState } from '../editor/editor-context';

/** The input a node's expressions are previewed on, and where it came from. */
export type PreviewInput =
  | { status: 'none'; reason: string }
  | { status: 'ready'; value: unknown; runInput: unknown; source: string; exact: boolean; note?: string };

/**
 * Works out the node's input for previews from the chosen source: the
 * trigger's sample, pasted JSON, or a past run (its recorded step input).
 */
export function usePreviewInput(nodeId: string): PreviewInput {
  const { specs } = useEditor();
  const flow = useEditorState((s) => s.flow);
  const preview = useEditorState((s) => s.preview);
  const [result, setResult] = useState<PreviewInput>({ status: 'none', reason: 'Working out the input…' });

  useEffect(() => {
    let cancelled = false;
    const timer = window.setTimeout(() => {
      const work = async (): Promise<PreviewInput> => {
        if (preview.kind === 'run') {
          const step = preview.run.steps.find((s) => s.nodeId === nodeId);
          if (step && step.input !== undefined) return { status: 'ready', value: step.input, runInput: preview.run.input, source: `input of this node in run ${short(preview.run.id)}`, exact: true };
          const simulated = await simulateInput(flow, specs, nodeId, preview.run.input);
          if (!simulated) return { status: 'none', reason: 'Connect this node to the trigger to preview it.' };
          return { status: 'ready', value: simulated.value, runInput: preview.run.input, source: `run ${short(preview.run.id)} input, replayed through the flow`, exact: simulated.exact, ...(simulated.note ? { note: simulated.note } : {}) };
        }
        const runInput = preview.kind === 'pasted' ? preview.value : triggerSample(flow, specs);
        if (runInput === undefined) return { status: 'none', reason: 'No sample yet: set the trigger’s “Sample input”, paste a sample, or pick a past run.' };
        const simulated = await simulateInput(flow, specs, nodeId, runInput);
        if (!simulated) return { status: 'none', reason: 'Connect this node to the trigger to preview it on the sample.' };
        const from = preview.kind === 'pasted' ? 'pasted sample' : 'trigger sample';
        const between = simulated.via.slice(1, -1);
        const source = between.length > 0 ? `${from} through ${between.join(' → ')}` : from;
        return { status: 'ready', value: simulated.value, runInput, source, exact: simulated.exact, ...(simulated.note ? { note: simulated.note } : {}) };
      };
      void work().then((next) => {
        if (!cancelled) setResult(next);
      });
    }, 120);
    return () => {
      cancelled = true;
      window.clearTimeout(timer);
    };
  }, [flow, preview, nodeId, specs]);

  return result;
}

function short(id: string): string {
  return id.length > 10 ? id.slice(0, 8) : id;
}
