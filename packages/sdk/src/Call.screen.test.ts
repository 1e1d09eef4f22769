import { describe, expect, it } from 'vitest';
import { CallErrorCode } from './errors.js';
import { CallEvent } from './events.js';
import { ScreenShareResult } from './media/ScreenShare.js';
import { CallState } from './types.js';
import { FakeDisplayMedia, type FakeMediaStreamTrack } from './test/fakeMedia.js';
import type { FakePeerConnection, FakeTransceiver } from './test/FakePeerConnection.js';
import {
  fakePc,
  fullyConnected,
  makePerson,
  useCallBed,
  waitFor,
  type Person,
} from './test/helpers.js';

type Sharer = Person & { screen: FakeDisplayMedia };
const bed = useCallBed();

async function join(name: string): Promise<Sharer> {
  const screen = new FakeDisplayMedia();
  const person: Sharer = { ...(await makePerson(bed.bus, { displayMedia: screen })), screen };
  bed.people.push(person);
  await person.call.join({ room: 'r', name });
  return person;
}

async function two(): Promise<[Sharer, Sharer]> {
  const joined: [Sharer, Sharer] = [await join('A'), await join('B')];
  await waitFor(() => fullyConnected(joined.map((p) => p.call)), 'connected');
  return joined;
}

async function three(): Promise<[Sharer, Sharer, Sharer]> {
  const joined: [Sharer, Sharer, Sharer] = [await join('A'), await join('B'), await join('C')];
  await waitFor(() => fullyConnected(joined.map((p) => p.call)), 'mesh of 3');
  return joined;
}

/** The transceiver of the screen's slot: the second video m-line. */
function screenTransceiver(pc: FakePeerConnection): FakeTransceiver {
  const videos = pc.getTransceivers().filter((t) => t.mid !== null && t.sender.kind === 'video');
  const t = videos[1];
  if (!t) throw new Error('no screen transceiver');
  return t;
}

const idOf = (p: Person): string => p.call.localId as string;

describe('Call: screen sharing', () => {
  it('sends the screen on its own transceiver without renegotiating; the other side gets screenStream and screen: true', async () => {
    const [a, b] = await two();
    const aToB = fakePc(a.call, idOf(b));
    const bToA = fakePc(b.call, idOf(a));
    const rounds = [aToB, bToA].map((pc) => pc.remoteDescriptionsApplied.length);
    const cameraTrack = a.media.videoTrack;

    expect(a.call.canShareScreen).toBe(true);
    await expect(a.call.startScreenShare()).resolves.toBe(ScreenShareResult.Started);
    const screen = a.screen.tracks[0] as FakeMediaStreamTrack;
    expect(screen.contentHint).toBe('detail');
    expect(a.call.screenStream?.getVideoTracks()).toEqual([screen]);
    expect(a.call.localState.screen).toBe(true);
    // Own screen slot sends it; the camera keeps its own sender.
    expect(screenTransceiver(aToB).sender.track).toBe(screen);
    expect(
      aToB.getTransceivers().filter((t) => t.sender.track === cameraTrack && cameraTrack),
    ).toHaveLength(1);

    await waitFor(() => b.call.participants.get(idOf(a))?.screen === true, 'b sees a share');
    const seen = b.call.participants.get(idOf(a));
    // B receives the screen on the same slot, kept apart from voice and camera.
    const screenReceiver = screenTransceiver(bToA).receiver.track;
    expect(seen?.screenStream.getVideoTracks()).toEqual([screenReceiver]);
    expect(seen?.stream.getTracks()).toHaveLength(2);
    expect(seen?.stream.getTracks()).not.toContain(screenReceiver);
    expect([aToB, bToA].map((pc) => pc.remoteDescriptionsApplied.length)).toEqual(rounds);
  });

  it('stopScreenShare stops the capture, sends nothing on the slot and tells the room', async () => {
    const [a, b] = await two();
    await a.call.startScreenShare();
    await waitFor(() => b.call.participants.get(idOf(a))?.screen === true, 'sharing');
    const screen = a.screen.tracks[0] as FakeMediaStreamTrack;
    const rounds = fakePc(b.call, idOf(a)).remoteDescriptionsApplied.length;

    a.call.stopScreenShare();
    expect(screen.readyState).toBe('ended');
    expect(a.call.screenStream).toBeNull();
    expect(a.call.localState.screen).toBe(false);
    await waitFor(
      () => screenTransceiver(fakePc(a.call, idOf(b))).sender.track === null,
      'nothing sent',
    );
    await waitFor(() => b.call.participants.get(idOf(a))?.screen === false, 'b sees it stop');
    expect(fakePc(b.call, idOf(a)).remoteDescriptionsApplied.length).toBe(rounds);
    // Stopping twice is harmless.
    a.call.stopScreenShare();
  });

  it("the browser's own Stop sharing (track ended) ends it like stopScreenShare", async () => {
    const [a, b] = await two();
    await a.call.startScreenShare();
    await waitFor(() => b.call.participants.get(idOf(a))?.screen === true, 'sharing');
    let changes = 0;
    a.call.on(CallEvent.LocalStateChanged, () => changes++);

    (a.screen.tracks[0] as FakeMediaStreamTrack).endByDevice();
    expect(a.call.localState.screen).toBe(false);
    expect(changes).toBe(1);
    await waitFor(() => b.call.participants.get(idOf(a))?.screen === false, 'b sees it stop');
    expect(screenTransceiver(fakePc(a.call, idOf(b))).sender.track).toBeNull();
    // And it can be shared again.
    await expect(a.call.startScreenShare()).resolves.toBe(ScreenShareResult.Started);
    await waitFor(() => b.call.participants.get(idOf(a))?.screen === true, 'sharing again');
  });

  it.each(['NotAllowedError', 'AbortError'])(
    'a closed or refused picker (%s) resolves Cancelled and changes nothing',
    async (name) => {
      const [a] = await two();
      a.screen.fail = new DOMException('closed', name);
      let changes = 0;
      a.call.on(CallEvent.LocalStateChanged, () => changes++);
      await expect(a.call.startScreenShare()).resolves.toBe(ScreenShareResult.Cancelled);
      expect(a.call.localState.screen).toBe(false);
      expect(a.call.screenStream).toBeNull();
      expect(changes).toBe(0);
    },
  );

  it('other failures reject with a coded error; a browser without getDisplayMedia cannot share', async () => {
    const [a] = await two();
    a.screen.fail = new DOMException('busy', 'NotReadableError');
    await expect(a.call.startScreenShare()).rejects.toMatchObject({
      code: CallErrorCode.MediaDeviceBusy,
    });

    const phone = await bed.person({ displayMedia: {} as FakeDisplayMedia });
    expect(phone.call.canShareScreen).toBe(false);
    await phone.call.join({ room: 'r', name: 'Phone' });
    await expect(phone.call.startScreenShare()).rejects.toMatchObject({
      code: CallErrorCode.MediaUnsupported,
    });
  });

  it('a phone (no getDisplayMedia) still receives a screen shared by someone else', async () => {
    const a = await join('A');
    const phone = await bed.person({ displayMedia: {} as FakeDisplayMedia });
    await phone.call.join({ room: 'r', name: 'Phone' });
    await waitFor(() => fullyConnected([a.call, phone.call]), 'connected');
    await a.call.startScreenShare();
    await waitFor(
      () => phone.call.participants.get(idOf(a))?.screenStream.getVideoTracks().length === 1,
      'phone receives the screen',
    );
    expect(screenTransceiver(fakePc(phone.call, idOf(a))).currentDirection).toBe('recvonly');
  });

  it('someone who joins while a screen is shared gets it at once', async () => {
    const [a] = await two();
    await a.call.startScreenShare();
    const c = await join('C');
    await waitFor(() => fullyConnected(bed.people.map((p) => p.call)), 'mesh of 3');
    const seen = c.call.participants.get(idOf(a));
    expect(seen?.screen).toBe(true);
    await waitFor(
      () => c.call.participants.get(idOf(a))?.screenStream.getVideoTracks().length === 1,
      'c receives the screen',
    );
    expect(screenTransceiver(fakePc(a.call, idOf(c))).sender.track).toBe(a.screen.tracks[0]);
  });

  it('two people can share at once: everyone else receives both screens', async () => {
    const [a, b, c] = await three();
    await a.call.startScreenShare();
    await b.call.startScreenShare();
    await waitFor(
      () =>
        c.call.participants.get(idOf(a))?.screen === true &&
        c.call.participants.get(idOf(b))?.screen === true,
      'c sees both share',
    );
    for (const sharer of [a, b]) {
      const seen = c.call.participants.get(idOf(sharer));
      expect(seen?.screenStream.getVideoTracks()).toEqual([
        screenTransceiver(fakePc(c.call, idOf(sharer))).receiver.track,
      ]);
    }
    // A and B see each other's screens too.
    expect(a.call.participants.get(idOf(b))?.screen).toBe(true);
  });

  it('a screen larger than 1920x1080 is scaled down to fit; a smaller one is left alone', async () => {
    const [a, b] = await two();
    a.screen.size = { width: 3840, height: 2400 };
    await a.call.startScreenShare();
    expect(a.screen.tracks[0]?.appliedConstraints).toEqual([
      { width: { max: 1728 }, height: { max: 1080 }, frameRate: { max: 30 } },
    ]);
    // Asked at the screen's own size: no width/height that could scale a small screen up.
    expect(a.screen.calls[0]).toEqual({ video: { frameRate: { max: 30 } }, audio: false });
    b.screen.size = { width: 1280, height: 720 };
    await b.call.startScreenShare();
    expect(b.screen.tracks[0]?.appliedConstraints).toEqual([]);
  });

  it('leave() stops the capture; startScreenShare outside a call is InvalidState', async () => {
    const [a] = await two();
    await a.call.startScreenShare();
    await a.call.leave();
    expect(a.call.state).toBe(CallState.Disconnected);
    expect(a.screen.tracks[0]?.readyState).toBe('ended');
    expect(a.call.screenStream).toBeNull();
    await expect(a.call.startScreenShare()).rejects.toMatchObject({
      code: CallErrorCode.InvalidState,
    });
  });

  it('a second click while the picker is open waits for the same picker', async () => {
    const [a] = await two();
    const [first, second] = await Promise.all([
      a.call.startScreenShare(),
      a.call.startScreenShare(),
    ]);
    expect([first, second]).toEqual([ScreenShareResult.Started, ScreenShareResult.Started]);
    expect(a.screen.calls).toHaveLength(1);
    await expect(a.call.startScreenShare()).resolves.toBe(ScreenShareResult.AlreadySharing);
  });
});
