import { describe, expect, it } from 'vitest';
import {
  apiQueryFromParams,
  distanceWords,
  formFromParams,
  maxPriceWords,
  milesToKm,
  paramsFromForm,
} from './search.ts';

describe('search in people’s units, sent in the API’s', () => {
  it('turns pounds into pence and miles into kilometres', () => {
    const query = apiQueryFromParams(
      new URLSearchParams(
        'category=transport&near=HG1 2AB&miles=10&maxPrice=25.50&day=tue&group=yes&access=step_free,bsl,nonsense',
      ),
    );
    expect(query).toEqual({
      category: 'transport',
      near: 'HG1 2AB',
      radiusKm: 16.1,
      maxPricePence: 2550,
      day: 'tue',
      groupFriendly: 'true',
      accessibility: 'step_free,bsl',
      limit: 10,
    });
  });

  it('leaves out what was not given or cannot be read, and keeps the page cursor', () => {
    expect(apiQueryFromParams(new URLSearchParams('near=HG1&maxPrice=lots&day=someday&cursor=abc'))).toEqual({
      near: 'HG1',
      radiusKm: 8,
      cursor: 'abc',
      limit: 10,
    });
  });

  it('never asks for more than the API allows', () => {
    expect(milesToKm(30)).toBe(48.3);
    expect(milesToKm(100)).toBe(50);
  });

  it('says distances in miles', () => {
    expect(distanceWords(0.3)).toBe('Less than half a mile away');
    expect(distanceWords(1.609344)).toBe('1 mile away');
    expect(distanceWords(5)).toBe('3.1 miles away');
    expect(distanceWords(40)).toBe('25 miles away');
  });
});

describe('places and prices as people type them', () => {
  it('searches near a town by name, keeping its case, and a postcode in capitals', () => {
    const town = paramsFromForm({ ...formFromParams(new URLSearchParams()), near: '  Stamford   Bridge ' });
    expect(town.get('near')).toBe('Stamford Bridge');
    expect(apiQueryFromParams(town).near).toBe('Stamford Bridge');
    const postcode = paramsFromForm({ ...formFromParams(new URLSearchParams()), near: 'hg4 1aa' });
    expect(postcode.get('near')).toBe('HG4 1AA');
    expect(apiQueryFromParams(new URLSearchParams('near=<script>')).near).toBeUndefined();
    // A misspelt town is not sent: the form says how to give a place instead.
    expect(apiQueryFromParams(new URLSearchParams('near=Harrowgate')).near).toBeUndefined();
  });

  it('says "Up to £25." however the amount was typed, never "££25"', () => {
    const typed = paramsFromForm({ ...formFromParams(new URLSearchParams()), maxPrice: '£25' });
    expect(typed.get('maxPrice')).toBe('25');
    expect(maxPriceWords(typed.get('maxPrice') ?? '')).toBe('Up to £25.');
    expect(maxPriceWords('£25')).toBe('Up to £25.');
    expect(maxPriceWords('12.50')).toBe('Up to £12.50.');
    expect(maxPriceWords('')).toBeUndefined();
  });
});
