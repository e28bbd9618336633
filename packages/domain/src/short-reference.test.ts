import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { shortReference, shortReferenceAlphabet } from './short-reference.ts';

const shape = /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;

describe('shortReference', () => {
  it('is eight Crockford base-32 characters in two fours, from any id', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), (id) => {
        const reference = shortReference(id);
        expect(reference).toHaveLength(9);
        expect(reference).toMatch(shape);
        for (const character of reference.replace('-', ''))
          expect(shortReferenceAlphabet).toContain(character);
      }),
    );
  });

  it('is the same every time for the same id (no clock, no randomness, no storing)', () => {
    fc.assert(
      fc.property(fc.string(), (id) => {
        expect(shortReference(id)).toBe(shortReference(id.slice(0)));
      }),
    );
    // Pinned, so a change to the hash (which would change every reference people hold) fails here.
    expect(shortReference('grp_demo_0006')).toBe('KQ4N-WVHX');
    expect(shortReference('ord_0cBq-UXNcKgyEZ6F')).toBe('NZ4C-HETW');
  });

  it('gives neighbouring ids unrelated references, not ones a character apart', () => {
    const a = shortReference('grp_demo_0006').replace('-', '');
    const b = shortReference('grp_demo_0007').replace('-', '');
    const same = [...a].filter((character, i) => b[i] === character).length;
    expect(same).toBeLessThanOrEqual(3);
  });

  it('almost never gives two of 100,000 random ids the same reference', () => {
    const ids = new Set<string>();
    const references = new Set<string>();
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z]{3}_[0-9A-Za-z_-]{16}$/), (id) => {
        if (ids.has(id)) return;
        ids.add(id);
        references.add(shortReference(id));
      }),
      { numRuns: 100_000 },
    );
    // 40 bits: about 0.005 expected collisions among 100,000; allow a couple, not a pattern.
    expect(ids.size - references.size).toBeLessThanOrEqual(2);
  });
});
