/**
 * How Chromium is launched everywhere (config, extra browsers with their own fake media or real
 * permissions): Debian's /usr/bin/chromium, fake camera/mic/screen, autoplay allowed.
 *
 * The fake camera and microphone play files (made by global-setup.ts): a 640x480 20 fps moving
 * test pattern and a steady 440 Hz tone. Chromium's built-in fake camera would follow the app's
 * 1280x720@30 request, and several people on a 2-core machine would then spend the CPU encoding
 * HD video that no single real person's machine has to share; a steady tone (instead of the
 * built-in once-a-second beep) makes "sound arrives" and "silence arrives" clear-cut.
 */
import { chromium, type Browser, type LaunchOptions } from '@playwright/test';
import { DEFAULT_MEDIA, mediaFilePaths, type FakeMediaFiles } from './media-files.js';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Flags every browser gets. */
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

/** Grants every camera/mic/screen request without a prompt (and overrides context permissions). */
const FAKE_UI = '--use-fake-ui-for-media-stream';

/** The flags that make the fake camera and microphone play `files`. */
export function mediaArgs(files: FakeMediaFiles): string[] {
  return [
    `--use-file-for-fake-video-capture=${files.video}`,
    `--use-file-for-fake-audio-capture=${files.audio}`,
  ];
}

/** The standard flags: base + no permission prompts + the default fake media files. */
export const CHROMIUM_ARGS = [
  ...CHROMIUM_BASE_ARGS,
  FAKE_UI,
  ...mediaArgs(mediaFilePaths(DEFAULT_MEDIA)),
];

/** Launch options for Playwright's config. */
export const chromiumLaunchOptions: LaunchOptions = {
  executablePath: CHROMIUM_PATH,
  args: CHROMIUM_ARGS,
};

/** Options for {@link launchChromium}. */
export interface LaunchChromiumOptions {
  /** Fake camera/mic files (from `fakeMedia()`); default: the shared default files. */
  media?: FakeMediaFiles;
  /**
   * Leave out `--use-fake-ui-for-media-stream`: then headless Chromium allows only what a
   * context grants (`permissions`) and denies the rest, as a person's "Block" would.
   */
  realPermissions?: boolean;
}

/** Launches another Chromium. Register it with `people.own()` so it is closed after the test. */
export function launchChromium(options: LaunchChromiumOptions = {}): Promise<Browser> {
  const media = options.media ?? mediaFilePaths(DEFAULT_MEDIA);
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      ...CHROMIUM_BASE_ARGS,
      ...(options.realPermissions ? [] : [FAKE_UI]),
      ...mediaArgs(media),
    ],
  });
}

/** Launches a Chromium whose fake camera and microphone play `files`. */
export function launchWithMedia(files: FakeMediaFiles): Promise<Browser> {
  return launchChromium({ media: files });
}
