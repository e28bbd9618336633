export interface GeoPoint {
  latitude: number;
  longitude: number;
}

const earthRadiusKm = 6371.0088;

/** Great-circle distance in kilometres (haversine). */
export function distanceKm(a: GeoPoint, b: GeoPoint): number {
  const rad = Math.PI / 180;
  const dLat = (b.latitude - a.latitude) * rad;
  const dLon = (b.longitude - a.longitude) * rad;
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(a.latitude * rad) * Math.cos(b.latitude * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * earthRadiusKm * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** One decimal place is honest: positions are postcode-district centres, good to a kilometre or two. */
export function roundKm(km: number): number {
  return Math.round(km * 10) / 10;
}

const fullPostcode = /^([A-Z]{1,2}[0-9][A-Z0-9]?)\s*([0-9][A-Z]{2})$/;
const outwardOnly = /^[A-Z]{1,2}[0-9][A-Z0-9]?$/;

/**
 * Returns the outward code (district, e.g. `HG1`) of a full UK postcode or a district, or
 * undefined when the text is not shaped like either.
 */
export function outwardCode(postcode: string): string | undefined {
  const text = postcode.trim().toUpperCase().replace(/\s+/g, ' ');
  const full = fullPostcode.exec(text);
  if (full) return full[1];
  if (outwardOnly.test(text)) return text;
  return undefined;
}

/** A postcode district and the latitude/longitude of its centre. */
export interface District extends GeoPoint {
  outcode: string;
}

/**
 * The UK's postcode districts held in memory: about 3,000 rows, so finding every district within a
 * radius is a fast loop rather than a database read.
 */
export class PostcodeDistricts {
  private readonly byOutcode: Map<string, District>;

  constructor(districts: Iterable<District>) {
    this.byOutcode = new Map([...districts].map((d) => [d.outcode, d]));
  }

  get size(): number {
    return this.byOutcode.size;
  }

  /** Looks up a full postcode or a district; undefined if it is not a UK district we know. */
  locate(postcode: string): District | undefined {
    const outcode = outwardCode(postcode);
    return outcode === undefined ? undefined : this.byOutcode.get(outcode);
  }

  within(centre: GeoPoint, radiusKm: number): Array<District & { distanceKm: number }> {
    const found: Array<District & { distanceKm: number }> = [];
    for (const district of this.byOutcode.values()) {
      const km = distanceKm(centre, district);
      if (km <= radiusKm) found.push({ ...district, distanceKm: km });
    }
    return found.sort((a, b) => a.distanceKm - b.distanceKm || a.outcode.localeCompare(b.outcode));
  }
}
