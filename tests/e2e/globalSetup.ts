/**
 * Builds the production bundle once and serves it with `vite preview` on loopback for the
 * browser tests, the way a user gets it: the real build, not the dev server.
 */
import { build, preview, type PreviewServer } from 'vite';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    baseURL: string;
  }
}

let server: PreviewServer | undefined;

export default async function setup(project: TestProject) {
  // vitest runs with NODE_ENV=test; the bundle under test must be the production one
  // (React's production build, no dev warnings), exactly what users get.
  const env = process.env['NODE_ENV'];
  process.env['NODE_ENV'] = 'production';
  try {
    await build({ logLevel: 'warn', mode: 'production' });
  } finally {
    process.env['NODE_ENV'] = env;
  }
  server = await preview({ preview: { host: '127.0.0.1', port: 4319, strictPort: false, open: false }, logLevel: 'warn' });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('vite preview did not report a URL');
  project.provide('baseURL', url.replace(/\/$/, ''));
  return async () => {
    await server?.close();
  };
}
