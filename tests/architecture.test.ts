/** House rules that a reviewer would otherwise have to remember (ARCHITECTURE.md). */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : /\.(ts|tsx)$/.test(f) ? [p] : [];
  });
}

function imports(file: string): string[] {
  const src = readFileSync(file, 'utf8');
  return [...src.matchAll(/(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1] ?? m[2]!);
}

describe('architecture', () => {
  it('src/domain imports no UI, map, db or state package', () => {
    const forbidden = /^(react|react-dom|maplibre-gl|terra-draw|terra-draw-maplibre-gl-adapter|dexie|zustand)(\/|$)|\/(ui|map|db|store|workers)\//;
    const offenders = files('src/domain').flatMap((f) => imports(f).filter((i) => forbidden.test(i)).map((i) => `${f}: ${i}`));
    expect(offenders).toEqual([]);
  });

  it('only src/db touches Dexie', () => {
    const offenders = files('src').filter((f) => !f.startsWith(join('src', 'db'))).flatMap((f) => imports(f).filter((i) => i === 'dexie').map(() => f));
    expect(offenders).toEqual([]);
  });

  it('src/map never imports the store or the db', () => {
    const offenders = files('src/map').flatMap((f) => imports(f).filter((i) => /\/(store|db)\//.test(i)).map((i) => `${f}: ${i}`));
    expect(offenders).toEqual([]);
  });

  it('ui/ and store/ never import db/: only the composition root (src/boot) wires storage in', () => {
    const offenders = [...files('src/ui'), ...files('src/store'), ...files('src/map'), ...files('src/workers')].flatMap((f) =>
      imports(f).filter((i) => /(^|\/)db\//.test(i)).map((i) => `${f}: ${i}`),
    );
    expect(offenders).toEqual([]);
  });

  it('only src/boot and src/db import from db/', () => {
    const offenders = files('src')
      .filter((f) => !f.startsWith(join('src', 'db')) && !f.startsWith(join('src', 'boot')))
      .flatMap((f) => imports(f).filter((i) => /(^|\/)db\//.test(i)).map((i) => `${f}: ${i}`));
    expect(offenders).toEqual([]);
  });

  it('maplibre is only used inside src/map', () => {
    const offenders = files('src').filter((f) => !f.startsWith(join('src', 'map'))).flatMap((f) => imports(f).filter((i) => i.startsWith('maplibre-gl') || i.startsWith('terra-draw')).map(() => f));
    expect(offenders).toEqual([]);
  });
});
