import { defineConfig } from 'vitest/config';
import preact from '@preact/preset-vite';

// Static build served by `tcxd serve --web-root web/dist` under a strict CSP:
// hashed files under /assets, no inline scripts, no inlined assets (data: URLs).
export default defineConfig({
  plugins: [preact()],
  base: '/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsDir: 'assets',
    assetsInlineLimit: 0,
    sourcemap: false,
    target: 'es2020',
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:8080' },
  },
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    environment: 'node',
  },
});
