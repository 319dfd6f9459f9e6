import { defineConfig } from 'vite';

// The app is served by `caravan api` under /dashboard (and, for customers, /portal): asset URLs are
// absolute under /dashboard/ so both pages load the same files.
export default defineConfig({
  base: '/dashboard/',
  resolve: { conditions: ['caravan-source'] },
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022', sourcemap: false },
});
