import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

/**
 * The console lives under /app so it never shares a path with the API: the API serves this build
 * there in production, and the dev server forwards every other path to the API.
 */
const BASE = '/app/';
const API_TARGET = process.env.SCHAKEL_API_URL ?? 'http://127.0.0.1:3000';

export default defineConfig({
  base: BASE,
  plugins: [react()],
  server: { port: 5173, proxy: { '^/(?!app(/|$))': API_TARGET } },
  build: { outDir: 'dist', sourcemap: false },
  test: { include: ['src/**/*.test.tsx'], environment: 'node' },
});
