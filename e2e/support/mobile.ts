import type { BrowserContextOptions } from '@playwright/test';

/** A phone in portrait (390x844 CSS px, like an iPhone 13/14) with touch, as Chromium emulates it. */
export const phone: BrowserContextOptions = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 3,
  isMobile: true,
  hasTouch: true,
};
