import { browserBenchConfig } from '../call/playwright.config.js';

/** `npm run bench:mesh`: uplink, CPU and received frame rate of 2..6 people, adaptation on and off. */
export default browserBenchConfig('bench-mesh');
