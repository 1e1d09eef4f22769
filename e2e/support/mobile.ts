import type { BrowserContextOptions } from '@playwright/test';

/** A phone in portrait (390x844 CSS px, like an iPhone 13/14) with touch, as Chromium emulates it. */
export const phone: BrowserContextOptions = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 3,
  isMobile: true,
  hasTouch: true,
};

/** A small Android phone in portrait (360x640 CSS px) with touch. */
export const smallPhone: BrowserContextOptions = {
  viewport: { width: 360, height: 640 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
};

/** The same phone held sideways (width and height swapped). */
export function landscape(device: BrowserContextOptions): BrowserContextOptions {
  const { width, height } = device.viewport ?? { width: 390, height: 844 };
  return { ...device, viewport: { width: height, height: width } };
}
