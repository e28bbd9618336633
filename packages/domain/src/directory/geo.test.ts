import { describe, expect, it } from 'vitest';
import { distanceKm, outwardCode, PostcodeDistricts } from './geo.ts';
import { ukOutcodes } from './uk-outcodes.generated.ts';

const districts = new PostcodeDistricts(
  ukOutcodes.map(([outcode, latitude, longitude]) => ({ outcode, latitude, longitude })),
);

describe('postcodes', () => {
  it('takes the district from a full postcode, with or without a space, in any case', () => {
    expect(outwardCode('hg1 2ab')).toBe('HG1');
    expect(outwardCode('SW1A1AA')).toBe('SW1A');
    expect(outwardCode('  m1 1ae ')).toBe('M1');
    expect(outwardCode('EC1A 1BB')).toBe('EC1A');
  });

  it('accepts a district on its own', () => {
    expect(outwardCode('YO7')).toBe('YO7');
  });

  it('refuses text that is not shaped like a postcode', () => {
    expect(outwardCode('Harrogate')).toBeUndefined();
    expect(outwardCode('12345')).toBeUndefined();
    expect(outwardCode('HG1 2AB extra')).toBeUndefined();
  });

  it('locates every district in the shipped dataset and nothing else', () => {
    expect(districts.size).toBeGreaterThan(2900);
    expect(districts.locate('HG1 2AB')?.outcode).toBe('HG1');
    expect(districts.locate('ZZ9 9ZZ')).toBeUndefined();
  });
});

describe('distance', () => {
  it('measures London to Edinburgh at about 530 km', () => {
    const london = districts.locate('SW1A');
    const edinburgh = districts.locate('EH1');
    if (!london || !edinburgh) throw new Error('districts missing from the dataset');
    expect(distanceKm(london, edinburgh)).toBeGreaterThan(520);
    expect(distanceKm(london, edinburgh)).toBeLessThan(545);
  });

  it('is zero from a place to itself and the same both ways', () => {
    const a = { latitude: 54, longitude: -1.5 };
    const b = { latitude: 53.9, longitude: -1.2 };
    expect(distanceKm(a, a)).toBe(0);
    expect(distanceKm(a, b)).toBeCloseTo(distanceKm(b, a), 10);
  });

  it('finds districts within a radius, nearest first, including the centre district', () => {
    const centre = districts.locate('HG1');
    if (!centre) throw new Error('HG1 missing');
    const near = districts.within(centre, 10);
    expect(near[0]?.outcode).toBe('HG1');
    expect(near.map((d) => d.outcode)).toContain('HG2');
    expect(near.every((d) => d.distanceKm <= 10)).toBe(true);
    expect(near.map((d) => d.distanceKm)).toEqual([...near.map((d) => d.distanceKm)].sort((a, b) => a - b));
    expect(near.map((d) => d.outcode)).not.toContain('SW1A');
  });
});
