/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import pkg from './package.json' with { type: 'json' };

// One config for the app, the build and the three test projects.
// - unit: pure domain + db code in node (fake-indexeddb needs node's structuredClone)
// - ui:   React components in jsdom; the map view is replaced in those tests
// - e2e:  real headless Chromium (system binary) against a production build
export default defineConfig({
  // Written into plan files and backups, so a support question can tell which version made them.
  define: { __APP_VERSION__: JSON.stringify(pkg.version) },
  plugins: [
    react(),
    // Offline after the first visit: a service worker precaches the app, the maplibre
    // worker (.mjs), fonts, the base map and the sample market. Nothing is fetched at run
    // time from anywhere else.
    VitePWA({
      registerType: 'autoUpdate',
      injectRegister: 'script-defer',
      manifest: {
        name: 'Territory Planner',
        short_name: 'Territories',
        description: 'Offline-first territory planning for wholesale sales teams',
        theme_color: '#1d4ed8',
        background_color: '#f5f6f8',
        display: 'standalone',
        icons: [{ src: 'favicon.svg', sizes: 'any', type: 'image/svg+xml' }],
      },
      workbox: {
        globPatterns: ['**/*.{js,mjs,css,html,svg,woff2,json}'],
        // The maplibre chunk (~1 MB) and the sample market (~4 MB) must be precached too.
        maximumFileSizeToCacheInBytes: 12 * 1024 * 1024,
        navigateFallback: 'index.html',
        clientsClaim: true,
        skipWaiting: true,
      },
    }),
  ],
  build: {
    target: 'es2022',
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      output: {
        // maplibre is > 1 MB: its own chunk keeps the app chunk small and cacheable.
        codeSplitting: {
          groups: [
            { name: 'maplibre', test: /node_modules[\\/]maplibre-gl/ },
            { name: 'geo', test: /node_modules[\\/](@turf|terra-draw|topojson-client|us-atlas)/ },
          ],
        },
      },
    },
  },
  worker: { format: 'es' },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          environment: 'node',
          // Some tests load the 3,2xx US counties or a 10k-store market: on a loaded 2-core
          // CI machine the 5 s default is too tight. Speed is measured in the bench, not here.
          testTimeout: 60_000,
          include: ['tests/domain/**/*.test.ts', 'tests/db/**/*.test.ts', 'tests/data/**/*.test.ts', 'tests/store/**/*.test.ts', 'tests/workers/**/*.test.ts', 'tests/map/**/*.test.ts', 'tests/architecture.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'ui',
          environment: 'jsdom',
          testTimeout: 30_000,
          include: ['tests/ui/**/*.test.{ts,tsx}'],
          setupFiles: ['tests/ui/setup.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['tests/e2e/**/*.test.ts'],
          globalSetup: ['tests/e2e/globalSetup.ts'],
          testTimeout: 90_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
