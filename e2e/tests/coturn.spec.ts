/**
 * The coturn launcher works: Chromium, given TURN REST credentials for it and the relay-only
 * policy, gathers a relay candidate on 127.0.0.1. Later TURN suites build on this.
 */
import { test, expect } from '../support/fixtures.js';
import { turnRestCredentials } from '../support/coturn.js';

test('coturn on loopback hands Chromium a relay candidate', async ({ people, startCoturn }) => {
  const turn = await startCoturn();
  const person = await people.add('relay');
  const gather = (iceServer: RTCIceServer): Promise<string[]> =>
    person.page.evaluate(async (server) => {
      const pc = new RTCPeerConnection({ iceServers: [server], iceTransportPolicy: 'relay' });
      pc.createDataChannel('probe');
      const found: string[] = [];
      const done = new Promise<void>((resolve) => {
        pc.addEventListener('icecandidate', (e) => {
          if (e.candidate) found.push(e.candidate.candidate);
          else resolve();
        });
      });
      await pc.setLocalDescription(await pc.createOffer());
      await Promise.race([done, new Promise((r) => setTimeout(r, 8000))]);
      pc.close();
      return found;
    }, iceServer);

  const good = await gather(turn.iceServer('ann'));
  expect(good.join('\n')).toMatch(/ typ relay /);
  expect(good.join('\n')).toContain('127.0.0.1');

  // Wrong credentials get nothing: the launcher really checks the TURN REST secret.
  const bad = await gather({ urls: turn.url, ...turnRestCredentials('not-the-secret', 'mallory') });
  expect(bad).toEqual([]);
});

test('coturn can be frozen, thawed, killed and restarted', async ({ startCoturn }) => {
  const turn = await startCoturn();
  const { waitForStun } = await import('../support/coturn.js');
  turn.pause();
  await expect(waitForStun(turn.port, () => false, 600)).rejects.toThrow(/no STUN answer/);
  turn.resume();
  await waitForStun(turn.port, () => false, 5000);
  await turn.kill();
  await expect(waitForStun(turn.port, () => false, 600)).rejects.toThrow(/no STUN answer/);
  await turn.restart();
  await waitForStun(turn.port, () => false, 5000);
});
