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
  await build({ logLevel: 'warn', mode: 'production' });
  server = await preview({ preview: { host: '127.0.0.1', port: 4319, strictPort: false, open: false }, logLevel: 'warn' });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('vite preview did not report a URL');
  project.provide('baseURL', url.replace(/\/$/, ''));
  return async () => {
    await server?.close();
  };
}
