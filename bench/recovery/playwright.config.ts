import { browserBenchConfig } from '../call/playwright.config.js';

/**
 * `npm run bench:recovery`: recovery times measured in real browsers against real faults, with
 * the E2E suite's fixtures (server and coturn launchers, fake media).
 */
export default browserBenchConfig('bench-recovery');
