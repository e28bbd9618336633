/** Moved to journeys/public/: kept so pages that import from here keep working until they move too. */
export * from '../journeys/public/sign-in.tsx';
