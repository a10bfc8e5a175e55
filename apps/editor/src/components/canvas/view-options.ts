/** How "fit view" frames the flow everywhere (toolbar, shortcuts, opening). */
export const FIT_OPTIONS = { padding: 0.1, maxZoom: 1.1, duration: 200 } as const;
