/** Moved to journeys/search/: kept so pages that import from here keep working until they move too. */
export * from '../journeys/search/search.tsx';
