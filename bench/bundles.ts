/**
 * Each Lambda bundle's size and cold-start time against an empty module. Bundles every
 * functions/src/entries/*.ts with esbuild as infra/src/stack.ts's NodejsFunction does (ESM, minified,
 * node24, platform node, the AWS SDK bundled in, module/main fields, the createRequire banner, the
 * environment-only credentials alias, and no source map unless BENCH_SOURCE_MAPS=true, as
 * `-c sourceMaps=true` deploys), into a temporary directory. Then imports the bundles in fresh Node
 * processes, round-robin (every bundle and the empty module once per round, the order rotated each
 * round so no bundle always follows the same one), and reports median, min and max. Returns the
 * result that run.ts writes to bench/results/bundles.json.
 */

import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { type BuildOptions, build } from 'esbuild';
import { lambdaCredentials } from '../infra/src/stack.ts';
import { machine, median, round } from './stats.ts';

const entriesDir = resolve(import.meta.dirname, '..', 'functions', 'src', 'entries');
const rounds = Number(process.env.BENCH_BUNDLE_ROUNDS ?? 9);
const sourceMaps = process.env.BENCH_SOURCE_MAPS === 'true';
/** The issue's target: every bundle under this, and init at most this many times the empty module's. */
const targetBytes = 400 * 1024;
const targetInitRatio = 2.5;

/** The options CDK passes to esbuild for our NodejsFunction (see infra/src/stack.ts). */
const cdkLikeOptions: BuildOptions = {
  bundle: true,
  platform: 'node',
  target: 'node24',
  format: 'esm',
  minify: true,
  sourcemap: sourceMaps,
  ...(sourceMaps ? { sourcesContent: false } : {}),
  mainFields: ['module', 'main'],
  alias: { [lambdaCredentials.module]: lambdaCredentials.replacement },
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

interface Sample {
  ms: number;
  importMs: number;
  handler: string;
}

function importOnce(file: string, probeFile: string): Sample {
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
      NODE_OPTIONS: sourceMaps ? '--enable-source-maps' : '',
    },
  });
  if (child.status !== 0) throw new Error(`Importing ${file} failed: ${child.stderr}`);
  return JSON.parse(child.stdout) as Sample;
}

const spread = (values: number[]) => ({
  median: round(median(values), 1),
  min: round(Math.min(...values), 1),
  max: round(Math.max(...values), 1),
});

export async function benchBundles() {
  const loadBefore = machine().loadAverage1m5m15m;
  const outDir = mkdtempSync(join(tmpdir(), 'carepool-bench-bundles-'));
  try {
    const probeFile = join(outDir, 'probe.mjs');
    writeFileSync(probeFile, probe);
    const emptyModule = join(outDir, 'empty.mjs');
    writeFileSync(emptyModule, 'export const handler = () => undefined;\n');
    const childNode = execFileSync(process.execPath, ['--version'], { encoding: 'utf8' }).trim();

    const entries = readdirSync(entriesDir)
      .filter((f) => f.endsWith('.ts') && f !== 'index.ts')
      .sort();
    const built: { name: string; outfile: string; buildMs: number }[] = [];
    const failed: Record<string, unknown>[] = [];
    for (const entry of entries) {
      const name = entry.replace(/\.ts$/, '');
      const outfile = join(outDir, name, 'index.mjs');
      const started = performance.now();
      try {
        await build({ ...cdkLikeOptions, entryPoints: [join(entriesDir, entry)], outfile });
        built.push({ name, outfile, buildMs: performance.now() - started });
      } catch (error) {
        failed.push({ function: name, error: (error as Error).message.slice(0, 500) });
      }
    }

    // Round-robin: each round imports the empty module and every bundle once, starting one further
    // along each time, so machine noise spreads over all of them rather than landing on one.
    const targets = [{ name: '(empty module)', outfile: emptyModule }, ...built];
    const samples = new Map<string, Sample[]>(targets.map((t) => [t.name, []]));
    for (let r = 0; r < rounds; r++) {
      for (let i = 0; i < targets.length; i++) {
        const target = targets[(i + r) % targets.length];
        if (target) samples.get(target.name)?.push(importOnce(target.outfile, probeFile));
      }
    }
    const emptySamples = samples.get('(empty module)') ?? [];
    const emptyInit = median(emptySamples.map((s) => s.ms));
    const emptyImport = median(emptySamples.map((s) => s.importMs));

    const bundles = built.map(({ name, outfile, buildMs }) => {
      const code = readFileSync(outfile);
      const own = samples.get(name) ?? [];
      const init = own.map((s) => s.ms);
      return {
        function: name,
        bytes: code.byteLength,
        gzipBytes: gzipSync(code, { level: 9 }).byteLength,
        sourceMapShips: existsSync(`${outfile}.map`),
        underTargetBytes: code.byteLength < targetBytes,
        buildMs: round(buildMs),
        exportsHandler: own.every((s) => s.handler === 'function'),
        initMs: spread(init),
        initOverEmptyModule: spread(init.map((ms) => ms / emptyInit)),
        importMs: spread(own.map((s) => s.importMs)),
        initSamplesMs: init.map((s) => round(s, 1)),
      };
    });
    const ratios = bundles.map((b) => b.initOverEmptyModule.median);
    return {
      benchmark: 'bundles',
      recordedAt: new Date().toISOString(),
      machine: { ...machine(), loadAverageBefore: loadBefore },
      note: 'A 2-core machine shared with other work (test runs may have been going on beside it): the load averages are recorded and every figure has its min and max. Init times on Lambda differ (its CPU share scales with memory, 512 MB here).',
      bundling: `esbuild as CDK NodejsFunction runs it for infra/src/stack.ts: bundle, ESM, minify, target node24, platform node, AWS SDK bundled, mainFields module,main, createRequire banner, ${lambdaCredentials.module} aliased to environment-only credentials, ${sourceMaps ? 'external source map without sources content (BENCH_SOURCE_MAPS=true)' : 'no source map (as deployed without -c sourceMaps=true)'}`,
      initTime: `Fresh \`node\` (${childNode}) processes, NODE_OPTIONS=${sourceMaps ? '--enable-source-maps' : '(empty)'} as deployed, CAREPOOL_TABLE set; initMs is from process start (performance.timeOrigin) to the bundle evaluated, Node's own start-up included; importMs is the import alone. ${rounds} rounds, each importing the empty module and every bundle once in rotated order; median, min and max. initOverEmptyModule divides each sample by the empty module's median initMs.`,
      targets: { bytesUnder: targetBytes, initOverEmptyModuleAtMost: targetInitRatio },
      emptyModule: {
        initMs: spread(emptySamples.map((s) => s.ms)),
        importMs: spread(emptySamples.map((s) => s.importMs)),
      },
      summary: {
        bytes: {
          min: Math.min(...bundles.map((b) => b.bytes)),
          max: Math.max(...bundles.map((b) => b.bytes)),
        },
        bundlesUnderTargetBytes: bundles.filter((b) => b.underTargetBytes).length,
        initOverEmptyModuleMedian: { min: round(Math.min(...ratios), 2), max: round(Math.max(...ratios), 2) },
        bundlesWithinTargetInit: ratios.filter((r) => r <= targetInitRatio).length,
        emptyModuleInitMs: round(emptyInit, 1),
        emptyModuleImportMs: round(emptyImport, 2),
      },
      bundles,
      failed,
    };
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}
