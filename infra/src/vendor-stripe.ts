/**
 * The Stripe SDK, pre-bundled into one minified ES module at `node_modules/stripe/index.mjs` beside
 * a payment-rail function's bundle. The function's own bundle marks `stripe` external and imports it
 * with `import()` on the rail's first use (packages/payments/src/stripe-webhooks.ts), so a cold
 * start never evaluates the SDK's ~250 KB and the bundle stays small; the SDK still ships at the
 * version in package-lock.json, built from the repository's node_modules (no install at synth).
 * Functions without the payment rail do not get it.
 *
 * Built once per Stripe version and cached in node_modules/.cache; stack.ts's afterBundling hook
 * copies it into each payment function's asset, and bench/bundles.ts copies the same build to
 * measure the same layout.
 */
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join, resolve } from 'node:path';
import { buildSync } from 'esbuild';

/** The package the payment functions mark external and this ships in its place. */
export const vendoredStripe = 'stripe';

const repoRoot = resolve(import.meta.dirname, '..', '..');

let built: string | undefined;

/** A directory holding node_modules/stripe (index.mjs and a package.json pointing at it), built on first call. */
export function vendoredStripeDir(): string {
  if (built) return built;
  const { version } = JSON.parse(
    readFileSync(join(repoRoot, 'node_modules', vendoredStripe, 'package.json'), 'utf8'),
  ) as { version: string };
  // Kept per version in node_modules/.cache, so synths and benches reuse one build and leave
  // nothing behind in the system's temporary directory.
  const cacheRoot = join(repoRoot, 'node_modules', '.cache');
  const dir = join(cacheRoot, `carepool-vendored-stripe-${version}`);
  if (existsSync(join(dir, 'node_modules', vendoredStripe, 'package.json'))) {
    built = dir;
    return dir;
  }
  mkdirSync(cacheRoot, { recursive: true });
  // Built aside and renamed into place: two processes synthesising at once (the stack test beside
  // a bench) must never see half a build.
  const staging = mkdtempSync(join(cacheRoot, 'carepool-vendored-stripe-building-'));
  const packageDir = join(staging, 'node_modules', vendoredStripe);
  mkdirSync(packageDir, { recursive: true });
  buildSync({
    stdin: {
      contents: `export { default } from '${vendoredStripe}';`,
      resolveDir: repoRoot,
      loader: 'js',
    },
    bundle: true,
    platform: 'node',
    target: 'node24',
    format: 'esm',
    minify: true,
    // Node's export conditions, as the function bundles resolve them.
    conditions: ['node', 'import'],
    // As the function bundles: the SDK's CommonJS parts may call require().
    banner: {
      js: "import { createRequire as __carepoolCreateRequire } from 'node:module';const require = __carepoolCreateRequire(import.meta.url);",
    },
    outfile: join(packageDir, 'index.mjs'),
    logLevel: 'error',
  });
  writeFileSync(
    join(packageDir, 'package.json'),
    `${JSON.stringify({ name: vendoredStripe, version, type: 'module', main: 'index.mjs', private: true })}\n`,
  );
  try {
    renameSync(staging, dir);
  } catch {
    // Another process put the same build in place first: use theirs.
    rmSync(staging, { recursive: true, force: true });
  }
  built = dir;
  return dir;
}

/** Copies node_modules/stripe into a function's output directory (the bench's; CDK runs `cp`). */
export function vendorStripe(outputDir: string): void {
  cpSync(join(vendoredStripeDir(), 'node_modules'), join(outputDir, 'node_modules'), { recursive: true });
}
