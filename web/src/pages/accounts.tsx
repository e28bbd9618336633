// Moved to journeys/accounts: kept so pages that other journeys still import from here keep working.
export { HolderAccountSection } from '../journeys/accounts/accounts.tsx';
