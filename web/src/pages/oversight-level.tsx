// Moved to journeys/oversight: kept so pages that other journeys still import from here keep working.
export { NeedsDecision, OversightNotice, OversightSummary } from '../journeys/oversight/oversight-level.tsx';
