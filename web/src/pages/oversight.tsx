// Moved to journeys/oversight: kept so pages that other journeys still import from here keep working.
export { MonitoringLink, OutcomeSurveyOffer } from '../journeys/oversight/monitoring.tsx';
