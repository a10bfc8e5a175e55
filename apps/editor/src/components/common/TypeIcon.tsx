/** Stroke icons for the built-in node types; other types show their spec's glyph. */
const PATHS: Readonly<Record<string, string>> = {
  trigger: 'M13 2 3 14h9l-1 8 10-12h-9l1-8z',
  map: 'M8 3 4 7l4 4M4 7h16M16 21l4-4-4-4M20 17H4',
  validate: 'M12 22s8-4 8-10V5l-8-3-8 3v7c0 6 8 10 8 10zM9 12l2 2 4-4',
  approve: 'M16 21v-2a4 4 0 0 0-4-4H6a4 4 0 0 0-4 4v2M9 11a4 4 0 1 0 0-8 4 4 0 0 0 0 8zM16 11l2 2 4-4',
  'post-to-odoo': 'M12 15V3M7 8l5-5 5 5M4 15v4a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2v-4',
  notify: 'M4 4h16a2 2 0 0 1 2 2v12a2 2 0 0 1-2 2H4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2zM22 6l-10 7L2 6',
  note: 'M12 20h9M16.5 3.5a2.12 2.12 0 0 1 3 3L7 19l-4 1 1-4Z',
};

export function TypeIcon({ type, glyph, size = 16 }: { type: string; glyph?: string; size?: number }) {
  const path = PATHS[type];
  if (!path) return <>{glyph ?? '?'}</>;
  return (
    <svg viewBox="0 0 24 24" width={size} height={size} fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" aria-hidden>
      <path d={path} />
    </svg>
  );
}
