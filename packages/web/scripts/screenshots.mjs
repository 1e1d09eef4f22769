// Screenshots of what a person sees, for a look by eye while working on the layout (not a test):
// starts the built server on a free port, walks landing -> lobby -> call with two people
// (Chromium, fake media), and saves PNGs at phone and desktop sizes, in English and Russian.
//   node packages/web/scripts/screenshots.mjs [outDir] [calls|failures] [size,size...] [en|ru]
// (default: both parts, every size, both languages). Files: <size>-<lang>-<n>-<state>.png.
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const outDir = process.argv[2] ?? '/tmp/zvonok-shots';
const only = process.argv[3] || undefined;
const onlySizes = process.argv[4] ? process.argv[4].split(',') : undefined;
const onlyLang = process.argv[5];

/** The names the walk clicks, in each language (the app follows the browser's). */
const WORDS = {
  en: {
    start: 'Start a new call',
    name: 'Your name',
    join: 'Join call',
    controls: 'Call controls',
    chat: /^Chat\b/,
    chatRegion: 'Chat',
    message: 'Message',
    close: 'Close',
    participants: 'Participants',
    camera: 'Camera',
    microphone: 'Microphone',
    leave: 'Leave call',
    more: 'More',
    speaker: 'Speaker layout',
    grid: 'Grid layout',
    share: 'Share screen',
  },
  ru: {
    start: 'Начать новый звонок',
    name: 'Ваше имя',
    join: 'Войти в звонок',
    controls: 'Управление звонком',
    chat: /^Чат/,
    chatRegion: 'Чат',
    message: 'Сообщение',
    close: 'Закрыть',
    participants: 'Участники',
    camera: 'Камера',
    microphone: 'Микрофон',
    leave: 'Выйти из звонка',
    more: 'Ещё',
    speaker: 'Крупно говорящий',
    grid: 'Сетка',
    share: 'Показать экран',
  },
};
mkdirSync(outDir, { recursive: true });

const server = spawn('node', ['packages/server/dist/main.js'], {
  env: { ...process.env, PORT: '0', HOST: '127.0.0.1' },
  stdio: ['ignore', 'pipe', 'inherit'],
});
const baseUrl = await new Promise((resolve, reject) => {
  const timer = setTimeout(() => reject(new Error('server did not start')), 15_000);
  server.stdout.on('data', (chunk) => {
    const m = /listening on (http:\/\/\S+)/.exec(String(chunk));
    if (m) {
      clearTimeout(timer);
      resolve(m[1]);
    }
  });
});

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--use-fake-device-for-media-stream',
    '--use-fake-ui-for-media-stream',
    '--disable-gpu',
    '--autoplay-policy=no-user-gesture-required',
  ],
});

const sizes = {
  phone: {
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
  },
  desktop: { viewport: { width: 1280, height: 800 } },
  small: {
    viewport: { width: 360, height: 640 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
  },
  landscape: {
    viewport: { width: 844, height: 390 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
  },
};

try {
  const walks = [];
  for (const lang of ['en', 'ru']) {
    for (const entry of Object.entries(sizes)) {
      if (onlyLang && lang !== onlyLang) continue;
      if (onlySizes && !onlySizes.includes(entry[0])) continue;
      walks.push([lang, ...entry]);
    }
  }
  for (const [lang, label, options] of only === 'failures' ? [] : walks) {
    const w = WORDS[lang];
    const locale = lang === 'ru' ? 'ru-RU' : 'en-US';
    const shot = (page, name) =>
      page.screenshot({ path: join(outDir, `${label}-${lang}-${name}.png`) });
    const ctx = await browser.newContext({ locale, ...options });
    const page = await ctx.newPage();
    page.on('console', (m) => m.type() === 'error' && console.log(`[${label}] ${m.text()}`));
    page.on('pageerror', (e) => console.log(`[${label}] pageerror ${e.message}`));
    await page.goto(baseUrl);
    await shot(page, '1-landing');
    await page.getByRole('button', { name: w.start }).click();
    await page.getByRole('textbox', { name: w.name }).fill('Anna Petrova');
    await page.waitForFunction(() => (document.querySelector('video')?.videoWidth ?? 0) > 0);
    await shot(page, '2-lobby');
    const roomUrl = page.url();
    await page.getByRole('button', { name: w.join }).click();
    await page.getByRole('toolbar', { name: w.controls }).waitFor();
    await shot(page, '3-call-alone');

    const other = await (await browser.newContext({ locale: 'en-US' })).newPage();
    await other.goto(roomUrl);
    await other.getByRole('textbox', { name: 'Your name' }).fill('Boris');
    await other.getByRole('button', { name: 'Join call' }).click();
    await other.getByRole('toolbar', { name: 'Call controls' }).waitFor();
    await page.locator('[data-peer-id] video').first().waitFor();
    await page.waitForFunction(
      () => (document.querySelector('[data-peer-id] video')?.videoWidth ?? 0) > 0,
      null,
      { timeout: 15_000 },
    );
    await other.getByRole('button', { name: 'Microphone' }).click();
    const box = await openChat(other);
    await box.fill('Hi! <img src=x onerror=alert(1)> see https://example.com/docs.');
    await box.press('Enter');
    await page.locator('[data-peer-id] .control__badge, .control__badge').first().waitFor();
    await page.waitForTimeout(500);
    await shot(page, '4-call-two');
    // Presenting (where the browser can share a screen: not phones): the own screen small.
    const share = page
      .getByRole('toolbar', { name: w.controls })
      .getByRole('button', { name: w.share, exact: true });
    if ((await share.count()) > 0) {
      await share.click();
      await page.waitForFunction(
        () => (document.querySelector('[data-screen-of="self"] video')?.videoWidth ?? 0) > 0,
      );
      await page.waitForTimeout(500);
      await shot(page, '4b-presenting');
      await share.click();
    }
    const myBox = await openChat(page, w);
    await myBox.fill('Hello Boris');
    await myBox.press('Enter');
    await page.waitForTimeout(300);
    await shot(page, '5-chat');
    await page
      .getByRole('region', { name: w.chatRegion })
      .getByRole('button', { name: w.close })
      .click();
    await openFromToolbar(page, w, w.participants);
    await page.waitForTimeout(300);
    await shot(page, '6-participants');
    await page.getByRole('button', { name: w.close }).click();
    await page
      .getByRole('toolbar', { name: w.controls })
      .getByRole('button', { name: w.more })
      .click();
    await page.waitForTimeout(200);
    await shot(page, '6b-more');
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: w.camera, exact: true }).click();
    await page.waitForTimeout(300);
    await shot(page, '7-camera-off');
    for (const n of ['Carl', 'Dina']) {
      const p = await (await browser.newContext({ locale: 'en-US' })).newPage();
      await p.goto(roomUrl);
      await p.getByRole('textbox', { name: 'Your name' }).fill(n);
      await p.getByRole('button', { name: 'Join call' }).click();
    }
    await page.waitForFunction(() => document.querySelectorAll('[data-peer-id]').length === 3);
    await page.waitForTimeout(1500);
    await shot(page, '8-four');
    await openFromToolbar(page, w, w.speaker);
    await page.waitForTimeout(1000);
    await shot(page, '8b-speaker');
    await openFromToolbar(page, w, w.grid);
    const scroll = await page.evaluate(() => document.documentElement.scrollWidth > innerWidth);
    console.log(`${label} ${lang}: horizontal scroll: ${scroll}`);
    await page.getByRole('button', { name: w.leave }).click();
    await shot(page, '9-left');
    await ctx.close();
  }

  // Failure states, at phone size: camera blocked, password required, server gone.
  if (only !== 'calls') await failures();
} finally {
  await browser.close();
  server.kill('SIGTERM');
}

async function failures() {
  const strict = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--use-fake-device-for-media-stream', '--disable-gpu'],
  });
  try {
    const blocked = await (
      await strict.newContext({ locale: 'en-US', permissions: ['microphone'], ...sizes.phone })
    ).newPage();
    await blocked.goto(`${baseUrl}/r/shots-blocked`);
    await blocked.getByRole('alert').waitFor();
    await blocked.screenshot({ path: join(outDir, 'phone-f1-camera-blocked.png') });
    const none = await (await strict.newContext({ locale: 'en-US', ...sizes.phone })).newPage();
    await none.goto(`${baseUrl}/r/shots-none`);
    await none.getByRole('alert').waitFor();
    await none.screenshot({ path: join(outDir, 'phone-f2-all-blocked.png') });
  } finally {
    await strict.close();
  }

  const owner = await (await browser.newContext({ locale: 'en-US' })).newPage();
  await owner.goto(`${baseUrl}/r/shots-locked`);
  await owner.locator('summary', { hasText: 'More options' }).click();
  await owner.getByRole('textbox', { name: 'Room password' }).fill('secret');
  await owner.getByRole('button', { name: 'Join call' }).click();
  await owner.getByRole('toolbar', { name: 'Call controls' }).waitFor();
  const guest = await (await browser.newContext({ locale: 'en-US', ...sizes.phone })).newPage();
  await guest.goto(`${baseUrl}/r/shots-locked`);
  await guest.getByRole('button', { name: 'Join call' }).click();
  await guest.getByRole('alert').waitFor();
  console.log(
    'focused after password refusal:',
    await guest.evaluate(() => document.activeElement?.getAttribute('id')),
  );
  await guest.screenshot({ path: join(outDir, 'phone-f3-password.png') });

  server.kill('SIGTERM');
  await owner.setViewportSize({ width: 390, height: 844 });
  await owner.getByRole('status').filter({ hasText: 'Reconnecting' }).waitFor({ timeout: 15_000 });
  await owner.screenshot({ path: join(outDir, 'phone-f4-reconnecting.png') });
  await owner.getByText(/check your internet connection/).waitFor({ timeout: 30_000 });
  await owner.screenshot({ path: join(outDir, 'phone-f5-server-gone.png') });
}

async function openChat(page, w = WORDS.en) {
  await page
    .getByRole('toolbar', { name: w.controls })
    .getByRole('button', { name: w.chat })
    .click();
  return page.getByRole('region', { name: w.chatRegion }).getByRole('textbox', { name: w.message });
}

/** Clicks a toolbar button, or the item of that name under "More" (phones). */
async function openFromToolbar(page, w, name) {
  const bar = page.getByRole('toolbar', { name: w.controls });
  const button = bar.getByRole('button', { name, exact: true });
  if ((await button.count()) > 0) return button.click();
  await bar.getByRole('button', { name: w.more }).click();
  await page
    .getByRole('menu')
    .getByRole('menuitem', { name, exact: true })
    .or(page.getByRole('menu').getByRole('menuitemcheckbox', { name, exact: true }))
    .click();
}
