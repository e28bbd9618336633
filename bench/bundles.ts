/**
 * Each Lambda bundle's size and cold-start init time. Bundles every functions/src/entries/*.ts with
 * esbuild as infra/src/stack.ts's NodejsFunction does (ESM, minified, node24, platform node, the AWS
 * SDK bundled in, module/main fields, the createRequire banner, an external source map without
 * sources), into a temporary directory; then imports each bundle in a fresh Node process and
 * records the time from process start to the module evaluated (median of 5). Returns the result
 * that run.ts writes to bench/results/bundles.json.
 */

import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { type BuildOptions, build } from 'esbuild';
import { machine, median, round } from './stats.ts';

const entriesDir = resolve(import.meta.dirname, '..', 'functions', 'src', 'entries');
const runs = 5;

/** The options CDK passes to esbuild for our NodejsFunction (see infra/src/stack.ts). */
const cdkLikeOptions: BuildOptions = {
  bundle: true,
  platform: 'node',
  target: 'node24',
  format: 'esm',
  minify: true,
  sourcemap: true,
  sourcesContent: false,
  mainFields: ['module', 'main'],
  banner: {
    js: "import { createRequire as __carepoolCreateRequire } from 'node:module';const require = __carepoolCreateRequire(import.meta.url);",
  },
  logLevel: 'error',
};

/** Printed by the child: milliseconds since its process started, once the module has evaluated. */
const probe = `
const started = performance.now();
const module = await import(process.argv[2]);
const evaluated = performance.now();
process.stdout.write(JSON.stringify({ ms: evaluated, importMs: evaluated - started, handler: typeof module.handler }));
`;

function initTimes(file: string, probeFile: string, nodeOptions: string) {
  const samples: number[] = [];
  const importSamples: number[] = [];
  let handler = 'unknown';
  for (let i = 0; i < runs; i++) {
    const child = spawnSync(process.execPath, [probeFile, file], {
      encoding: 'utf8',
      timeout: 30_000,
      env: {
        PATH: process.env.PATH ?? '',
        CAREPOOL_TABLE: 'carepool-bench',
        AWS_REGION: 'eu-west-2',
        AWS_ACCESS_KEY_ID: 'bench',
        AWS_SECRET_ACCESS_KEY: 'bench',
        AWS_EC2_METADATA_DISABLED: 'true',
        POWERTOOLS_SERVICE_NAME: 'carepool',
        NODE_OPTIONS: nodeOptions,
      },
    });
    if (child.status !== 0) throw new Error(`Importing ${file} failed: ${child.stderr}`);
    const out = JSON.parse(child.stdout) as { ms: number; importMs: number; handler: string };
    samples.push(out.ms);
    importSamples.push(out.importMs);
    handler = out.handler;
  }
  return { ms: median(samples), importMs: median(importSamples), samples, handler };
}

export async function benchBundles() {
  const loadBefore = machine().loadAverage1m5m15m;
  const outDir = mkdtempSync(join(tmpdir(), 'carepool-bench-bundles-'));
  try {
    const probeFile = join(outDir, 'probe.mjs');
    writeFileSync(probeFile, probe);
    const emptyModule = join(outDir, 'empty.mjs');
    writeFileSync(emptyModule, 'export const handler = () => undefined;\n');
    const baseline = initTimes(emptyModule, probeFile, '--enable-source-maps');
    const childNode = execFileSync(process.execPath, ['--version'], { encoding: 'utf8' }).trim();

    const entries = readdirSync(entriesDir)
      .filter((f) => f.endsWith('.ts') && f !== 'index.ts')
      .sort();
    const bundles: Record<string, unknown>[] = [];
    for (const entry of entries) {
      const name = entry.replace(/\.ts$/, '');
      const outfile = join(outDir, name, 'index.mjs');
      const started = performance.now();
      try {
        await build({ ...cdkLikeOptions, entryPoints: [join(entriesDir, entry)], outfile });
      } catch (error) {
        bundles.push({ function: name, error: (error as Error).message.slice(0, 500) });
        continue;
      }
      const buildMs = performance.now() - started;
      const code = readFileSync(outfile);
      const withMaps = initTimes(outfile, probeFile, '--enable-source-maps');
      const withoutMaps = initTimes(outfile, probeFile, '');
      bundles.push({
        function: name,
        bytes: code.byteLength,
        gzipBytes: gzipSync(code, { level: 9 }).byteLength,
        sourceMapBytes: statSync(`${outfile}.map`).size,
        buildMs: round(buildMs),
        exportsHandler: withMaps.handler === 'function',
        initMs: round(withMaps.ms, 1),
        initMsOverEmptyModule: round(withMaps.ms - baseline.ms, 1),
        importMs: round(withMaps.importMs, 1),
        initMsWithoutSourceMaps: round(withoutMaps.ms, 1),
        initSamplesMs: withMaps.samples.map((s) => round(s, 1)),
      });
    }
    return {
      benchmark: 'bundles',
      recordedAt: new Date().toISOString(),
      machine: { ...machine(), loadAverageBefore: loadBefore },
      note: 'A 2-core machine shared with other work (test runs may have been going on beside it): the load averages are recorded; init times on Lambda differ (its CPU share scales with memory, 512 MB here).',
      bundling:
        'esbuild as CDK NodejsFunction runs it for infra/src/stack.ts: bundle, ESM, minify, target node24, platform node, AWS SDK bundled, mainFields module,main, createRequire banner, external source map without sources content',
      initTime: `A fresh \`node\` (${childNode}) process per run, NODE_OPTIONS=--enable-source-maps as in the deployed functions, CAREPOOL_TABLE set; time from process start (performance.timeOrigin) to the bundle evaluated; median of ${runs}. Includes Node's own start-up: an empty module takes ${round(baseline.ms, 1)} ms, given as emptyModuleInitMs. importMs is the import alone.`,
      emptyModuleInitMs: round(baseline.ms, 1),
      bundles,
    };
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}
