/**
 * Each Lambda bundle's size and cold-start time against an empty module. Bundles every
 * functions/src/entries/*.ts with esbuild as infra/src/stack.ts's NodejsFunction does (ESM, minified,
 * node24, platform node, the AWS SDK bundled in, module/main fields, the createRequire banner, the
 * environment-only credentials alias, `stripe` external for the payment-rail functions with the
 * pre-bundled SDK copied beside them as infra/src/vendor-stripe.ts does, and no source map unless
 * BENCH_SOURCE_MAPS=true, as `-c sourceMaps=true` deploys), into a temporary directory. Records each
 * bundle's bytes, what they are made of, and the zip's size with everything shipped beside it.
 * Then imports the bundles in fresh Node processes, round-robin (every bundle and the empty module
 * once per round, the order rotated each round so no bundle always follows the same one), and
 * reports median, min and max. Returns the
 * result that run.ts writes to bench/results/bundles.json.
 */

import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { deflateRawSync, gzipSync } from 'node:zlib';
import { type BuildOptions, build } from 'esbuild';
import { paymentRailFunctions } from '../infra/src/deployed-routes.ts';
import { lambdaCredentials } from '../infra/src/stack.ts';
import { vendoredStripe, vendorStripe } from '../infra/src/vendor-stripe.ts';
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

/**
 * Run from a payment-rail function's directory: how long its first `import('stripe')` takes (the
 * deferred cost, paid by the first request that moves money), resolved exactly as the bundle's is.
 */
const stripeProbeName = 'bench-stripe-probe.mjs';
const stripeProbe = `
const started = performance.now();
const module = await import('stripe');
process.stdout.write(JSON.stringify({ ms: performance.now() - started, sdk: typeof module.default }));
`;

function stripeFirstUseMs(dir: string): number {
  const file = join(dir, stripeProbeName);
  writeFileSync(file, stripeProbe);
  const child = spawnSync(process.execPath, [file], { encoding: 'utf8', timeout: 30_000 });
  rmSync(file);
  if (child.status !== 0) throw new Error(`Loading the vendored Stripe SDK failed: ${child.stderr}`);
  const result = JSON.parse(child.stdout) as { ms: number; sdk: string };
  if (result.sdk !== 'function') throw new Error('The vendored Stripe SDK has no default export');
  return result.ms;
}

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

/** What a bundle's bytes are made of (esbuild's metafile), for deciding what to trim next. */
const partOf = [
  ['awsSdk', /node_modules\/(@aws-sdk|@smithy|@aws-crypto|@aws\/)/],
  ['zod', /node_modules\/zod\//],
  ['districtTable', /uk-outcodes\.generated\.ts$/],
  ['contractsAndRoutes', /^(packages\/contracts\/|functions\/src\/routes\.ts$)/],
  ['domain', /^packages\/domain\//],
  ['db', /^packages\/db\//],
  ['otherDependencies', /node_modules\//],
  ['functions', /^functions\//],
  ['other', /./],
] as const;
type Part = (typeof partOf)[number][0];

function bytesByPart(inputs: Record<string, { bytesInOutput: number }>): Record<Part, number> {
  const parts = Object.fromEntries(partOf.map(([part]) => [part, 0])) as Record<Part, number>;
  for (const [file, { bytesInOutput }] of Object.entries(inputs)) {
    const part = partOf.find(([, pattern]) => pattern.test(file))?.[0] ?? 'other';
    parts[part] += bytesInOutput;
  }
  return parts;
}

/** Every file in a function's asset directory, as the deployment zip carries them. */
function shippedFiles(dir: string): { path: string; bytes: number; content: Buffer }[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => {
      const content = readFileSync(join(entry.parentPath, entry.name));
      return { path: relative(dir, join(entry.parentPath, entry.name)), bytes: content.byteLength, content };
    })
    .sort((a, b) => a.path.localeCompare(b.path));
}

/**
 * The deployment zip's size, computed rather than zipped: each file deflated (level 9, as CDK's
 * archiver does by default) plus its local and central directory headers, plus the end record.
 */
function zipBytes(files: { path: string; content: Buffer }[]): number {
  const headers = (path: string) => 30 + 46 + 2 * Buffer.byteLength(path);
  return (
    files.reduce((sum, f) => sum + deflateRawSync(f.content, { level: 9 }).byteLength + headers(f.path), 0) +
    22
  );
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
    const built: { name: string; outfile: string; buildMs: number; parts: Record<Part, number> }[] = [];
    const failed: Record<string, unknown>[] = [];
    for (const entry of entries) {
      const name = entry.replace(/\.ts$/, '');
      const outfile = join(outDir, name, 'index.mjs');
      const started = performance.now();
      // As infra/src/stack.ts: the payment-rail functions import Stripe from a pre-bundled copy
      // shipped beside the bundle, on first use.
      const paymentRail = paymentRailFunctions.includes(name);
      try {
        const result = await build({
          ...cdkLikeOptions,
          ...(paymentRail ? { external: [vendoredStripe] } : {}),
          entryPoints: [join(entriesDir, entry)],
          outfile,
          metafile: true,
        });
        if (paymentRail) vendorStripe(join(outDir, name));
        built.push({
          name,
          outfile,
          buildMs: performance.now() - started,
          parts: bytesByPart(Object.values(result.metafile.outputs)[0]?.inputs ?? {}),
        });
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

    const bundles = built.map(({ name, outfile, buildMs, parts }) => {
      const code = readFileSync(outfile);
      const own = samples.get(name) ?? [];
      const init = own.map((s) => s.ms);
      const shipped = shippedFiles(join(outfile, '..'));
      const stripeLoads = paymentRailFunctions.includes(name)
        ? Array.from({ length: 3 }, () => stripeFirstUseMs(join(outfile, '..')))
        : [];
      return {
        function: name,
        bytes: code.byteLength,
        gzipBytes: gzipSync(code, { level: 9 }).byteLength,
        bytesByPart: parts,
        files: shipped.map((f) => f.path),
        shippedBytes: shipped.reduce((sum, f) => sum + f.bytes, 0),
        zipBytes: zipBytes(shipped),
        sourceMapShips: existsSync(`${outfile}.map`),
        underTargetBytes: code.byteLength < targetBytes,
        buildMs: round(buildMs),
        exportsHandler: own.every((s) => s.handler === 'function'),
        initMs: spread(init),
        initOverEmptyModule: spread(init.map((ms) => ms / emptyInit)),
        importMs: spread(own.map((s) => s.importMs)),
        initSamplesMs: init.map((s) => round(s, 1)),
        ...(stripeLoads.length > 0 ? { stripeFirstImportMs: spread(stripeLoads) } : {}),
      };
    });
    const ratios = bundles.map((b) => b.initOverEmptyModule.median);
    return {
      benchmark: 'bundles',
      recordedAt: new Date().toISOString(),
      machine: { ...machine(), loadAverageBefore: loadBefore },
      note: 'A 2-core machine shared with other work (test runs may have been going on beside it): the load averages are recorded and every figure has its min and max. Init times on Lambda differ (its CPU share scales with memory, 512 MB here).',
      bundling: `esbuild as CDK NodejsFunction runs it for infra/src/stack.ts: bundle, ESM, minify, target node24, platform node, AWS SDK bundled, mainFields module,main, createRequire banner, ${lambdaCredentials.module} aliased to environment-only credentials, for the payment-rail functions (${paymentRailFunctions.join(', ')}) ${vendoredStripe} external and shipped pre-bundled at node_modules/${vendoredStripe}/index.mjs (infra/src/vendor-stripe.ts; loaded on the rail's first use, so not in initMs), ${sourceMaps ? 'external source map without sources content (BENCH_SOURCE_MAPS=true)' : 'no source map (as deployed without -c sourceMaps=true)'}`,
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
        zipBytes: {
          min: Math.min(...bundles.map((b) => b.zipBytes)),
          max: Math.max(...bundles.map((b) => b.zipBytes)),
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
