/** Moved to journeys/budget/: kept so pages that import from here keep working until they move too. */
export * from '../journeys/budget/money.tsx';
