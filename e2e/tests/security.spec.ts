/**
 * Hardening seen from a browser: other origins cannot open signaling, both ends of a real call
 * show the same verification code (and another pair a different one), and the app runs under its
 * CSP without a violation and without a request to any other origin.
 */
import type { Page } from '@playwright/test';
import { startBlankPageServer } from '../support/blank-page.js';
import { PROBE } from '../support/collector.js';
import { test, expect } from '../support/fixtures.js';
import {
  openLobbyOptions,
  control,
  expectInCall,
  joinButton,
  joinCall,
  openLobby,
  openVerification,
  sendChat,
  UI_TIMEOUT_MS,
  type Person,
} from '../support/app.js';
import { MESH_TIMEOUT_MS, waitForInboundVideo } from '../support/stats.js';

/** Opens a WebSocket to `url` from `page` and reports whether it opened (then closes it). */
function tryWebSocket(page: Page, url: string): Promise<string> {
  return page.evaluate(
    (wsUrl) =>
      new Promise<string>((resolve) => {
        const ws = new WebSocket(wsUrl, 'zvonok.v1');
        const timer = setTimeout(() => resolve('no outcome in 10 s'), 10_000);
        ws.onopen = () => {
          clearTimeout(timer);
          ws.close(1000);
          resolve('open');
        };
        ws.onclose = (e) => {
          clearTimeout(timer);
          resolve(`closed ${e.code}`);
        };
      }),
    url,
  );
}

test('a page from another origin cannot open /ws; the app’s own origin can', async ({
  people,
  server,
}) => {
  const other = await startBlankPageServer();
  try {
    const person = await people.add('Mallory');
    await person.page.goto(other.url);
    expect(new URL(other.url).origin).not.toBe(new URL(server.url).origin);
    expect(await tryWebSocket(person.page, server.wsUrl)).toBe('closed 1006');
    // The same browser on the server's own origin gets in: the refusal is about the origin.
    await person.page.goto(server.url);
    expect(await tryWebSocket(person.page, server.wsUrl)).toBe('open');
  } finally {
    await other.close();
  }
});

/**
 * Opens the verification of `name` in the participants panel (where the tile's menu leads too)
 * and returns the code shown there.
 */
async function codeWith(person: Person, name: string): Promise<string> {
  const { button: verify, code: shown } = await openVerification(person.page, name);
  const code = /(\d{4} \d{4} \d{4})/.exec((await shown.textContent()) ?? '')?.[1] ?? '';
  // The same button hides it again.
  await verify.click();
  await expect(verify).toHaveAttribute('aria-expanded', 'false');
  await expect(shown).toBeHidden();
  return code;
}

test('both sides of a call show the same verification code; another pair’s code differs', async ({
  people,
  server,
  room,
}) => {
  // Three browsers in a mesh on a busy machine.
  test.setTimeout(120_000);
  const ann = await people.add('Ann');
  const bob = await people.add('Bob');
  const cy = await people.add('Cy');
  for (const p of [ann, bob, cy]) await joinCall(p, server.url, room);
  for (const p of [ann, bob, cy]) {
    await waitForInboundVideo(p.page, { peers: 2, timeout: MESH_TIMEOUT_MS });
  }

  const annBob = await codeWith(ann, 'Bob');
  const annCy = await codeWith(ann, 'Cy');
  const bobCy = await codeWith(bob, 'Cy');
  expect(await codeWith(bob, 'Ann')).toBe(annBob);
  expect(await codeWith(cy, 'Ann')).toBe(annCy);
  expect(await codeWith(cy, 'Bob')).toBe(bobCy);
  expect(new Set([annBob, annCy, bobCy]).size).toBe(3);
});

/**
 * Rewrites the `a=fingerprint` of every m-section but the first in an SDP (a different
 * certificate that DTLS would never check, since it looks at the first bundled section only).
 */
function tamperLaterFingerprints(sdp: string): string {
  let sections = 0;
  return sdp
    .split('\r\n')
    .map((line) => {
      if (line.startsWith('m=')) sections++;
      if (sections < 2 || !line.startsWith('a=fingerprint:')) return line;
      return line.replace(
        / ([0-9A-F]{2}):/,
        (_m, byte: string) =>
          ` ${((parseInt(byte, 16) + 1) % 256).toString(16).toUpperCase().padStart(2, '0')}:`,
      );
    })
    .join('\r\n');
}

test('an SDP whose later m-sections name another certificate is refused and the person told', async ({
  people,
  server,
  room,
}) => {
  const ann = await people.add('Ann');
  const bob = await people.add('Bob');
  // Everything the server sends Bob passes a proxy that rewrites the descriptions in it.
  let tampered = 0;
  await bob.page.routeWebSocket(/\/ws/, (ws) => {
    const toServer = ws.connectToServer();
    toServer.onMessage((message) => {
      if (typeof message === 'string' && /"type":"(offer|answer)"/.test(message)) {
        const data = JSON.parse(message) as { sdp: string };
        const sdp = tamperLaterFingerprints(data.sdp);
        if (sdp !== data.sdp) tampered++;
        ws.send(JSON.stringify({ ...data, sdp }));
        return;
      }
      ws.send(message);
    });
    ws.onMessage((message) => toServer.send(message));
  });
  await joinCall(ann, server.url, room);
  await joinCall(bob, server.url, room);
  await expect(bob.page.getByText('Someone tampered with the call set-up')).toBeVisible({
    timeout: UI_TIMEOUT_MS,
  });
  expect(tampered).toBeGreaterThan(0);
  // Refused, not applied: Bob's connection to Ann is still waiting for an answer.
  const states = await bob.page.evaluate(
    (probe) =>
      (window as unknown as Record<string, { pcs: RTCPeerConnection[] }>)[probe]?.pcs.map(
        (pc) => pc.signalingState,
      ) ?? [],
    PROBE,
  );
  expect(states).toEqual(['have-local-offer']);
});

/** Records CSP violations (event and console) and requests to other origins of a page. */
async function watchPage(page: Page, origin: string) {
  const violations: string[] = [];
  const foreign: string[] = [];
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  page.on('console', (m) => {
    const text = m.text();
    if (/CSP violation|Content Security Policy|Refused to/i.test(text)) violations.push(text);
  });
  page.on('request', (r) => {
    const url = r.url();
    // Object URLs and data URLs are the page's own; everything else must be this origin.
    if (url.startsWith('blob:') || url.startsWith('data:')) return;
    if (new URL(url).origin !== origin) foreign.push(url);
  });
  return { violations, foreign };
}

test('the app runs with no CSP violation and no request to another origin', async ({
  people,
  server,
}) => {
  test.setTimeout(90_000);
  const origin = new URL(server.url).origin;
  const ann = await people.add('Ann');
  const bob = await people.add('Bob');
  const watched = await Promise.all([ann, bob].map((p) => watchPage(p.page, origin)));

  // Landing -> a new call -> lobby with the connection check -> the call.
  await ann.page.goto(server.url);
  await ann.page.getByRole('button', { name: 'Start a new call' }).click();
  await expect(ann.page).toHaveURL(/\/r\/[^/]+$/);
  const room = decodeURIComponent(new URL(ann.page.url()).pathname.split('/').pop()!);
  await openLobby(ann, server.url, room);
  await openLobbyOptions(ann.page);
  await ann.page.getByRole('button', { name: 'Check connection' }).click();
  await expect(ann.page.getByRole('list', { name: 'Connection check' })).toContainText(
    'Zvonok server: reachable',
    { timeout: 20_000 },
  );
  await joinButton(ann.page).click();
  await expectInCall(ann);
  await joinCall(bob, server.url, room);
  await waitForInboundVideo(ann.page);
  await waitForInboundVideo(bob.page);

  // Chat, the verification code, mic and camera toggles, then leave.
  await sendChat(ann.page, 'hello https://example.com');
  expect(await codeWith(bob, 'Ann')).toMatch(/^\d{4} \d{4} \d{4}$/);
  await control(ann.page, 'Microphone').click();
  await control(ann.page, 'Camera').click();
  await control(ann.page, 'Leave call').click();
  await expect(ann.page.getByRole('heading', { level: 1 })).toBeVisible({ timeout: UI_TIMEOUT_MS });

  for (const [i, w] of watched.entries()) {
    expect(w.violations, `CSP violations of ${[ann, bob][i]!.name}`).toEqual([]);
    expect(w.foreign, `requests to other origins by ${[ann, bob][i]!.name}`).toEqual([]);
  }

  // The watch itself works: an inline script and a foreign image on an app page are caught.
  const probe = await bob.context.newPage();
  const caught = await watchPage(probe, origin);
  await probe.goto(server.url);
  await probe.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'window.inlineRan = true';
    document.body.append(script);
    const img = document.createElement('img');
    img.src = 'http://127.0.0.1:9/pixel.png';
    document.body.append(img);
  });
  await expect.poll(() => caught.violations.length).toBeGreaterThanOrEqual(2);
  expect(await probe.evaluate(() => (window as { inlineRan?: boolean }).inlineRan)).toBeUndefined();
});
