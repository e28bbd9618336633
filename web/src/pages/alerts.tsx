// Moved to journeys/oversight: kept so pages that other journeys still import from here keep working.
export { AlertsLink } from '../journeys/oversight/alerts.tsx';
