import type { EditorState } from './editor-store';

/** Why the drawing cannot be published now, or undefined when it can. */
export function publishBlocker(state: Pick<EditorState, 'valid' | 'issues' | 'saving' | 'publishing' | 'flow' | 'savedFlow' | 'version' | 'publishedVersion'>): string | undefined {
  if (state.saving || state.publishing) return 'Saving…';
  if (!state.valid) {
    const count = state.issues.all.length;
    return `Fix ${count} problem${count === 1 ? '' : 's'} before publishing; you can still save a draft`;
  }
  if (state.flow === state.savedFlow && state.version !== null && state.version === state.publishedVersion) return `Version ${state.version} is already published`;
  return undefined;
}

