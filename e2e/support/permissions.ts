/**
 * "Camera permission denied" as a person really meets it: the browser's own permission system
 * says no to the camera (the person clicked Block, or blocked the camera in site settings) while
 * the microphone is allowed. getUserMedia({video}) then rejects with NotAllowedError and
 * `navigator.permissions.query({name:'camera'})` says 'denied' — exactly what the app sees in the
 * field. An init script faking the rejection would not change the permission state the app may
 * query, so we use the real thing: a Chromium without `--use-fake-ui-for-media-stream` (that flag
 * grants everything) in which headless Chromium denies whatever the context did not grant.
 */
import type { Browser, BrowserContext, BrowserContextOptions } from '@playwright/test';
import { launchChromium } from './browser.js';

/** A Chromium in which only the permissions a context grants are allowed; all else is denied. */
export function launchWithRealPermissions(): Promise<Browser> {
  return launchChromium({ realPermissions: true });
}

/** Context options: microphone allowed, camera blocked. Use with {@link launchWithRealPermissions}. */
export const cameraBlocked: BrowserContextOptions = { permissions: ['microphone'] };

/** Context options: camera and microphone both blocked. */
export const allMediaBlocked: BrowserContextOptions = { permissions: [] };

/** Context options: everything a call needs is allowed (for the other people in that browser). */
export const mediaAllowed: BrowserContextOptions = { permissions: ['microphone', 'camera'] };

/** Checks inside the page that the camera really is denied (guards the setup itself). */
export async function cameraPermissionState(context: BrowserContext): Promise<string> {
  const page = context.pages()[0];
  if (!page) throw new Error('context has no page');
  return page.evaluate(async () => (await navigator.permissions.query({ name: 'camera' })).state);
}
