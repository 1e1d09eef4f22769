/**
 * Debian's Firefox ESR for interop tests, driven over WebDriver BiDi by puppeteer-core (Playwright
 * cannot drive a stock Firefox). One browser per spec file: a launch costs ~2.5 s; each person is
 * a separate browser context (own storage and permissions) with the peer-connection collector.
 *
 * Fake media: `media.navigator.streams.fake` gives a plain green 1280x720 camera and a tone.
 * Headless Firefox has no screen to capture (`getDisplayMedia` rejects with NotFoundError).
 */
import type { Page as PlaywrightPage } from '@playwright/test';
import { existsSync } from 'node:fs';
import puppeteer, { type Browser, type BrowserContext, type Page } from 'puppeteer-core';
import { installProbe, PROBE } from './collector.js';

export const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';

/** How long a launch may take on a loaded 2-core machine before the test fails. */
const LAUNCH_TIMEOUT_MS = 60_000;

/** Preferences every Firefox gets: fake devices without prompts, autoplay with sound. */
export const FIREFOX_PREFS: Record<string, unknown> = {
  'media.navigator.streams.fake': true,
  'media.navigator.permission.disabled': true,
  'media.autoplay.default': 0,
  'media.autoplay.block-webaudio': false,
  // Real host addresses instead of mDNS .local names, which nothing resolves on this machine.
  'media.peerconnection.ice.obfuscate_host_addresses': false,
  // A mock sound output. Without a sound card (CI) Firefox cannot open an audio device, so every
  // AudioContext stays `suspended` and resume() never settles: no speaking indicator, no
  // recording mix. Headless Chromium uses a fake output by itself.
  'media.cubeb.force_mock_context': true,
};

/**
 * For calls through the tests' coturn, which listens and relays on 127.0.0.1 only: Firefox
 * gathers nothing through a TURN server on a loopback address unless loopback is allowed for
 * ICE (measured: no relay candidate at all without it, one `typ relay` with it). Real relays are
 * never on loopback, so this is a need of the test machine, not of the app. Not in
 * {@link FIREFOX_PREFS}: it also adds loopback host candidates to direct calls.
 */
export const FIREFOX_LOOPBACK_TURN_PREFS: Record<string, unknown> = {
  'media.peerconnection.ice.loopback': true,
};

/**
 * Launches Firefox ESR with {@link FIREFOX_PREFS} and `extraPrefs`. Fails at once with what to
 * install when the binary is missing (instead of puppeteer looking for a downloaded browser),
 * and within {@link LAUNCH_TIMEOUT_MS} otherwise.
 */
export async function launchFirefox(extraPrefs: Record<string, unknown> = {}): Promise<Browser> {
  if (!existsSync(FIREFOX_PATH)) {
    throw new Error(
      `Firefox is not installed at ${FIREFOX_PATH}: install the Debian package firefox-esr ` +
        '(`npm test` does it through scripts/system-deps.mjs) or set FIREFOX_PATH',
    );
  }
  return puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX_PATH,
    headless: true,
    timeout: LAUNCH_TIMEOUT_MS,
    protocolTimeout: LAUNCH_TIMEOUT_MS,
    extraPrefsFirefox: { ...FIREFOX_PREFS, ...extraPrefs },
  });
}

/** Page size of every Firefox person: Playwright's default for Chromium pages. */
export const VIEWPORT = { width: 1280, height: 720 };

/** A person in Firefox: one browser context with one page. */
export interface FirefoxPerson {
  readonly name: string;
  readonly context: BrowserContext;
  readonly page: Page;
  /** Console errors/warnings and uncaught exceptions, for failure reports. */
  readonly log: string[];
}

/** A new person (own context) in `browser`, with the collector installed before any page script. */
export async function newFirefoxPerson(browser: Browser, name: string): Promise<FirefoxPerson> {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  // The size Playwright gives Chromium pages (puppeteer's default is 800x600), so both browsers
  // lay the call out the same way.
  await page.setViewport(VIEWPORT);
  // Firefox shows one tab at a time: the others are `hidden` and their timers run at 1 Hz (a
  // canvas drawn from a timer would then stall). The newest person's tab is the one shown.
  await page.bringToFront();
  await page.evaluateOnNewDocument(installProbe, PROBE);
  const log: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warn') log.push(`[${m.type()}] ${m.text()}`);
  });
  page.on('pageerror', (e) => log.push(`[pageerror] ${String(e)}`));
  return { name, context, page, log };
}

/**
 * The Firefox page as the stats helpers (stats.ts) see a page. They only call `evaluate` with a
 * self-contained function and one serializable argument (and `waitForTimeout` to measure a
 * silence window), which puppeteer's page does the same way; the cast stands for that subset.
 */
export function statsPage(page: Page): PlaywrightPage {
  const view = {
    evaluate: (fn: (arg: unknown) => unknown, arg: unknown) => page.evaluate(fn, arg),
    waitForTimeout: (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)),
  };
  return view as unknown as PlaywrightPage;
}

/** The size of the screen {@link stubDisplayMedia} shares: a 16:10 laptop screen, unlike any camera. */
export const STUB_SCREEN = { width: 1280, height: 800 };

/**
 * Headless Firefox has no screen to capture (`getDisplayMedia` rejects with NotFoundError). This
 * stands in for it in every page of `person` opened after the call: a {@link STUB_SCREEN} canvas
 * whose picture changes every frame, captured at 30 fps, as a real shared screen would be.
 */
export async function stubDisplayMedia(person: FirefoxPerson): Promise<void> {
  await person.page.evaluateOnNewDocument(({ width, height }: typeof STUB_SCREEN) => {
    const md = navigator.mediaDevices as MediaDevices | undefined;
    if (!md) return;
    md.getDisplayMedia = () => {
      const canvas = document.createElement('canvas');
      canvas.width = width;
      canvas.height = height;
      const g = canvas.getContext('2d');
      let frame = 0;
      const draw = (): void => {
        if (!g) return;
        frame++;
        g.fillStyle = '#234';
        g.fillRect(0, 0, width, height);
        g.fillStyle = '#fc3';
        g.fillRect((frame * 8) % width, height / 2, 120, 120);
        g.font = '48px sans-serif';
        g.fillText(`shared screen ${frame}`, 40, 80);
      };
      draw();
      const timer = setInterval(draw, 33);
      const stream = canvas.captureStream(30);
      for (const track of stream.getTracks()) {
        const stop = track.stop.bind(track);
        track.stop = () => {
          clearInterval(timer);
          stop();
        };
      }
      return Promise.resolve(stream);
    };
  }, STUB_SCREEN);
}

/** The window property where {@link keepBlobs} keeps blobs; unusual so the app never meets it. */
const BLOBS = '__zvonokE2EBlobs';

/**
 * Keeps every Blob the page turns into an object URL (what a download link points to), so a
 * test can read a file the app offers for download: puppeteer's Firefox has no download event.
 */
export async function keepBlobs(person: FirefoxPerson): Promise<void> {
  await person.page.evaluateOnNewDocument((key: string) => {
    const kept: Blob[] = [];
    Object.defineProperty(window, key, { value: kept, enumerable: false });
    const native = URL.createObjectURL.bind(URL);
    URL.createObjectURL = (obj: Blob | MediaSource) => {
      if (obj instanceof Blob) kept.push(obj);
      return native(obj);
    };
  }, BLOBS);
}

/** The bytes and type of the newest kept blob whose type starts with `typePrefix`. */
export async function lastBlob(
  person: FirefoxPerson,
  typePrefix: string,
): Promise<{ type: string; bytes: Buffer } | undefined> {
  const found = await person.page.evaluate(
    async (key: string, prefix: string) => {
      const kept = (window as unknown as Record<string, Blob[] | undefined>)[key] ?? [];
      const blob = kept.filter((b) => b.type.startsWith(prefix)).at(-1);
      if (!blob) return undefined;
      const bytes = new Uint8Array(await blob.arrayBuffer());
      let binary = '';
      for (let i = 0; i < bytes.length; i += 0x8000) {
        binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      }
      return { type: blob.type, base64: btoa(binary) };
    },
    BLOBS,
    typePrefix,
  );
  return found && { type: found.type, bytes: Buffer.from(found.base64, 'base64') };
}
