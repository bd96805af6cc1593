import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The API serves the built client; in `vite dev` requests are proxied to it.
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    // Every browser that runs this app supports modulepreload; an older one just loads chunks without the hint.
    modulePreload: { polyfill: false },
    rolldownOptions: {
      output: {
        // What the entry imports statically (React, the router, TanStack Query, zod, the design system)
        // loads on every page anyway: one file instead of several, which gzips smaller. Nothing a page
        // imports lazily joins it; those chunks split as usual (a candidate never loads the staff pages).
        codeSplitting: { groups: [{ name: 'app', tags: ['$initial'] }] },
      },
    },
  },
  server: { proxy: { '/api': 'http://localhost:3000', '/healthz': 'http://localhost:3000', '/socket.io': { target: 'http://localhost:3000', ws: true } } },
});
