/** Moved to journeys/booking/: kept so pages that import from here keep working until they move too. */
export * from '../journeys/booking/booking.tsx';
