/**
 * How Chromium is launched everywhere (config, extra browsers with their own fake media): Debian's
 * /usr/bin/chromium, fake camera/mic/screen, no permission prompts, autoplay allowed.
 */
import { chromium, type Browser, type LaunchOptions } from '@playwright/test';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Flags without the permission auto-accept (for browsers where permissions are decided). */
export const CHROMIUM_BASE_ARGS = [
  '--no-sandbox',
  '--use-fake-device-for-media-stream',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--autoplay-policy=no-user-gesture-required',
];

/** The standard flags: base + every camera/mic/screen request is granted without a prompt. */
export const CHROMIUM_ARGS = [...CHROMIUM_BASE_ARGS, '--use-fake-ui-for-media-stream'];

/** Launch options for Playwright's config and for {@link launchChromium}. */
export const chromiumLaunchOptions: LaunchOptions = {
  executablePath: CHROMIUM_PATH,
  args: CHROMIUM_ARGS,
};

/** Launches another Chromium with the standard flags plus `extraArgs`. Close it after the test. */
export function launchChromium(
  extraArgs: string[] = [],
  baseArgs = CHROMIUM_ARGS,
): Promise<Browser> {
  return chromium.launch({ ...chromiumLaunchOptions, args: [...baseArgs, ...extraArgs] });
}
