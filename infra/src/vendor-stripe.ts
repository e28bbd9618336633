/**
 * The Stripe SDK, pre-bundled into one minified ES module at `node_modules/stripe/index.mjs` beside
 * a payment-rail function's bundle. The function's own bundle marks `stripe` external and imports it
 * with `import()` on the rail's first use (packages/payments/src/stripe-webhooks.ts), so a cold
 * start never evaluates the SDK's ~250 KB and the bundle stays small; the SDK still ships at the
 * version in package-lock.json, built from the repository's node_modules (no install at synth).
 * Functions without the payment rail do not get it.
 *
 * Built once per process (stack.ts's afterBundling hook copies it into each payment function's
 * asset); bench/bundles.ts copies the same build to measure the same layout.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildSync } from 'esbuild';

/** The package the payment functions mark external and this ships in its place. */
export const vendoredStripe = 'stripe';

const repoRoot = resolve(import.meta.dirname, '..', '..');

let built: string | undefined;

/** A directory holding node_modules/stripe (index.mjs and a package.json pointing at it), built on first call. */
export function vendoredStripeDir(): string {
  if (built) return built;
  const dir = mkdtempSync(join(tmpdir(), 'carepool-vendored-stripe-'));
  const packageDir = join(dir, 'node_modules', vendoredStripe);
  mkdirSync(packageDir, { recursive: true });
  const { version } = JSON.parse(
    readFileSync(join(repoRoot, 'node_modules', vendoredStripe, 'package.json'), 'utf8'),
  ) as { version: string };
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
  built = dir;
  return dir;
}

/** Copies node_modules/stripe into a function's output directory (the bench's; CDK runs `cp`). */
export function vendorStripe(outputDir: string): void {
  cpSync(join(vendoredStripeDir(), 'node_modules'), join(outputDir, 'node_modules'), { recursive: true });
}
