/**
 * Golden fixtures for the importers: each `test/in/import/<name>.ed269.json` (ED-269 / ED-318) or
 * `<name>.geojson` (the platform's GeoJSON form) is imported and the zones — or the one Error's lines,
 * listing every problem — compared with `test/out/import/<name>-ed269.json` or `<name>-geojson.json`. REGEN_FIXTURES=1 rewrites them.
 */
// Fixture files are test I/O; the library itself stays pure (see golden-fixtures.test.ts).
// eslint-disable-next-line no-restricted-imports
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
// eslint-disable-next-line no-restricted-imports
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { zonesFromEd269 } from './zones-from-ed269.ts';
import { zonesFromGeoJson } from './zones-from-geojson.ts';

const IN_DIR = fileURLToPath(new URL('./test/in/import/', import.meta.url));
const OUT_DIR = fileURLToPath(new URL('./test/out/import/', import.meta.url));
const REGENERATE = process.env.REGEN_FIXTURES === '1';

function run(name: string, input: unknown): unknown {
  try {
    const zones = name.endsWith('.ed269.json') ? zonesFromEd269(input) : zonesFromGeoJson(input as GeoJSON.FeatureCollection);
    // JSON has no infinity: an open window end is written as null.
    return JSON.parse(JSON.stringify({ zones }));
  } catch (error) {
    return { error: (error as Error).message.split('\n') };
  }
}

describe('importer golden fixtures (test/in/import → test/out/import)', () => {
  for (const file of readdirSync(IN_DIR).filter((name) => name.endsWith('.ed269.json') || name.endsWith('.geojson')).sort()) {
    it(file, () => {
      const actual = run(file, JSON.parse(readFileSync(IN_DIR + file, 'utf8')));
      const outPath = OUT_DIR + file.replace(/\.ed269\.json$/, '-ed269.json').replace(/\.geojson$/, '-geojson.json');
      if (REGENERATE) writeFileSync(outPath, `${JSON.stringify(actual, null, 2)}\n`);
      expect(actual).toEqual(JSON.parse(readFileSync(outPath, 'utf8')));
    });
  }
});
