import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { outcodeModule } from '../../scripts/generate-outcodes.ts';

const root = resolve(import.meta.dirname, '../..');

describe('the bundled postcode districts', () => {
  it('are exactly what data/uk-outcodes.csv says (regenerate with scripts/generate-outcodes.ts)', () => {
    const csv = readFileSync(resolve(root, 'data/uk-outcodes.csv'), 'utf8');
    const generated = readFileSync(
      resolve(root, 'packages/domain/src/directory/uk-outcodes.generated.ts'),
      'utf8',
    );
    expect(generated).toBe(outcodeModule(csv));
  });
});
