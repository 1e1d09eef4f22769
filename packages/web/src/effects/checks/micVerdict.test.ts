import { describe, expect, it } from 'vitest';
import { isHeadsetLabel, measure, unusedHeadsetMic, verdict, VERDICT_MS } from './micVerdict';

const tone = (amp: number, n = 480): number[] =>
  Array.from({ length: n }, (_, i) => amp * Math.sin((2 * Math.PI * 440 * i) / 48000));

describe('measure and verdict', () => {
  it('a tone is ok, zeros are silent, a squared-off wave clips', () => {
    const ok = Array.from({ length: 30 }, () => measure(tone(0.3)));
    const silent = Array.from({ length: 30 }, () => measure(new Array(480).fill(0)));
    const clipped = Array.from({ length: 30 }, () =>
      measure(tone(3).map((s) => Math.max(-1, Math.min(1, s)))),
    );
    expect(verdict(ok, VERDICT_MS)).toBe('ok');
    expect(verdict(silent, VERDICT_MS)).toBe('silent');
    expect(verdict(clipped, VERDICT_MS)).toBe('clipping');
  });

  it('says nothing before enough time has passed, or for a short pause among speech', () => {
    const silent = Array.from({ length: 5 }, () => measure(new Array(480).fill(0)));
    expect(verdict(silent, VERDICT_MS - 1)).toBe('ok');
    expect(verdict([...silent, measure(tone(0.1))], VERDICT_MS)).toBe('ok');
  });
});

describe('Bluetooth headset heuristic', () => {
  const laptopMic = {
    kind: 'audioinput',
    deviceId: 'm1',
    groupId: 'g1',
    label: 'Built-in Microphone',
  };
  const headsetOut = {
    kind: 'audiooutput',
    deviceId: 'o2',
    groupId: 'g2',
    label: 'WH-1000XM4 (Bluetooth)',
  };
  const headsetMic = {
    kind: 'audioinput',
    deviceId: 'm2',
    groupId: 'g2',
    label: 'WH-1000XM4 Hands-Free',
  };

  it('knows headset labels', () => {
    expect(isHeadsetLabel('AirPods Pro')).toBe(true);
    expect(isHeadsetLabel('Galaxy Buds2')).toBe(true);
    expect(isHeadsetLabel('Jabra Evolve2 65')).toBe(true);
    expect(isHeadsetLabel('Headset (Bluetooth Hands-free)')).toBe(true);
    expect(isHeadsetLabel('Built-in Microphone')).toBe(false);
    expect(isHeadsetLabel('Fake Default Audio Input')).toBe(false);
    expect(isHeadsetLabel('Webcam C920 (046d:082d)')).toBe(false);
  });

  it('warns when a headset is there but the laptop microphone is in use', () => {
    expect(unusedHeadsetMic([laptopMic, headsetOut, headsetMic], 'm1')).toBe(
      'WH-1000XM4 (Bluetooth)',
    );
    expect(unusedHeadsetMic([laptopMic, headsetOut], 'm1')).toBe('WH-1000XM4 (Bluetooth)');
  });

  it('is quiet when the headset microphone is in use, or there is no headset', () => {
    expect(unusedHeadsetMic([laptopMic, headsetOut, headsetMic], 'm2')).toBeNull();
    expect(unusedHeadsetMic([laptopMic], 'm1')).toBeNull();
    expect(unusedHeadsetMic([laptopMic, headsetOut], undefined)).toBeNull();
    // The same group (a USB headset whose name says headset, listed once per kind) is it.
    const usb = { ...laptopMic, label: 'USB Audio', groupId: 'g2' };
    expect(unusedHeadsetMic([usb, headsetOut], 'm1')).toBeNull();
  });
});
