// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { ConnectivityReason, type CheckResult, type ConnectivityReport } from '@zvonok/sdk';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { locale } from '../i18n/i18n';
import { describeReport } from './describeReport';
import { securityDictionaries } from './messages';
import { relayOnly, setRelayOnly } from './relayOnly';
import { VerifyCode } from './VerifyCode';

const result = (status: CheckResult['status'], reason: ConnectivityReason): CheckResult => ({
  status,
  reason,
  durationMs: 1,
});

beforeEach(() => {
  locale.value = 'en';
});

describe('security messages', () => {
  it('have the same keys and placeholders in every language', () => {
    const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    const { en, ru } = securityDictionaries;
    expect(Object.keys(ru).sort()).toEqual(Object.keys(en).sort());
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(placeholders(ru[key]), key).toEqual(placeholders(en[key]));
    }
  });
});

describe('describeReport', () => {
  it('says plainly that the relay is unreachable when it refused us', () => {
    const report: ConnectivityReport = {
      signaling: result('ok', ConnectivityReason.Reachable),
      stun: result('ok', ConnectivityReason.SameAddress),
      turn: result('failed', ConnectivityReason.Rejected),
    };
    const lines = describeReport(report);
    expect(lines.map((l) => [l.part, l.status])).toEqual([
      ['signaling', 'ok'],
      ['stun', 'ok'],
      ['turn', 'failed'],
    ]);
    expect(lines[2]!.text).toMatch(/^Relay: unreachable\. .*refused/);
  });

  it('says what was not checked when the server is down, in Russian too', () => {
    const down: ConnectivityReport = {
      signaling: result('failed', ConnectivityReason.Unreachable),
      stun: result('skipped', ConnectivityReason.SignalingFailed),
      turn: result('skipped', ConnectivityReason.SignalingFailed),
    };
    expect(describeReport(down)[2]!.text).toBe(
      'Relay: not checked, because the Zvonok server cannot be reached.',
    );
    locale.value = 'ru';
    expect(describeReport(down)[0]!.text).toMatch(/^Сервер Zvonok: недоступен/);
  });
});

describe('relay-only choice', () => {
  it('is remembered in this browser', () => {
    setRelayOnly(true);
    expect(relayOnly.value).toBe(true);
    expect(localStorage.getItem('zvonok.relayOnly')).toBe('1');
    setRelayOnly(false);
    expect(localStorage.getItem('zvonok.relayOnly')).toBe('0');
  });
});

describe('VerifyCode', () => {
  const root = document.createElement('div');
  afterEach(() => render(null, root));

  it('reveals the code on demand, with the button saying what it does', () => {
    void act(() => {
      render(<VerifyCode name="Bob" code="0482 9130 7526" peerId="b1" />, root);
    });
    const button = root.querySelector('button')!;
    expect(button.textContent).toBe('Verify connection');
    expect(button.getAttribute('aria-label')).toBe('Verify connection with Bob');
    expect(button.getAttribute('aria-expanded')).toBe('false');
    expect(root.textContent).not.toContain('0482');
    void act(() => button.click());
    expect(button.getAttribute('aria-expanded')).toBe('true');
    const panel = root.querySelector(`#${button.getAttribute('aria-controls')!}`)!;
    expect(panel.getAttribute('role')).toBe('status');
    expect(panel.textContent).toContain('Code with Bob: 0482 9130 7526');
    void act(() => button.click());
    expect(root.textContent).not.toContain('0482');
  });

  it('says the connection is not ready when there is no code yet', () => {
    void act(() => {
      render(<VerifyCode name="Bob" code={undefined} peerId="b1" />, root);
    });
    void act(() => root.querySelector('button')!.click());
    expect(root.textContent).toContain('not ready yet');
  });
});
