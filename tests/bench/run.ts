/**
 * Benchmark runner (`npm run bench`, i.e. node --expose-gc --import tsx tests/bench/run.ts).
 * Runs each bench module in turn and prints one section per bench. A bench module exports
 * `name` and `run()` (sync or async) and prints its own table; add new ones to BENCHES.
 * `npm run bench -- <word>` runs only the benches whose file or name contains the word.
 */
interface BenchModule {
  name: string;
  run(): void | Promise<void>;
}

const BENCHES: readonly { file: string; load: () => Promise<BenchModule> }[] = [
  { file: 'assignment.bench.ts', load: () => import('./assignment.bench') },
  { file: 'import.bench.ts', load: () => import('./import.bench') },
  { file: 'importBrowser.bench.ts', load: () => import('./importBrowser.bench') },
  { file: 'editing.bench.ts', load: () => import('./editing.bench') },
  { file: 'comparePlans.bench.ts', load: () => import('./comparePlans.bench') },
  { file: 'planSwitch.bench.ts', load: () => import('./planSwitch.bench') },
  { file: 'planEngine.bench.ts', load: () => import('./planEngine.bench') },
  { file: 'marketChunks.bench.ts', load: () => import('./marketChunks.bench') },
  { file: 'scaleBrowser.bench.ts', load: () => import('./scaleBrowser.bench') },
  { file: 'balance.bench.ts', load: () => import('./balance.bench') },
];

async function main(): Promise<void> {
  const filters = process.argv.slice(2).map((a) => a.toLowerCase());
  console.log(`node ${process.version}, ${process.platform}/${process.arch}, gc ${typeof globalThis.gc === 'function' ? 'exposed' : 'NOT exposed'}`);
  let failed = false;
  for (const bench of BENCHES) {
    const module = await bench.load();
    const label = `${bench.file} — ${module.name}`;
    if (filters.length > 0 && !filters.some((f) => label.toLowerCase().includes(f))) continue;
    console.log(`\n=== ${label} ${'='.repeat(Math.max(3, 96 - label.length))}`);
    const t0 = performance.now();
    try {
      await module.run();
    } catch (error) {
      failed = true;
      console.error(error);
    }
    console.log(`(${bench.file}: ${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  }
  if (failed) process.exitCode = 1;
}

await main();

export {};
