import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** Builds the editor into apps/editor/dist; `npm run dev -w @ledgerflow/editor` proxies the API to a local server. */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1500, sourcemap: false },
  server: {
    port: 5173,
    proxy: { '/api': 'http://localhost:8899', '/hooks': 'http://localhost:8899' },
  },
});
