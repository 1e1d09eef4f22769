// @vitest-environment happy-dom
import { PeerLinkState } from '@zvonok/sdk';
import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { locale } from '../i18n/i18n';
import { Tile } from './Tile';

describe('a remote tile shows how the connection to that person is doing', () => {
  const root = document.createElement('div');
  beforeEach(() => {
    locale.value = 'en';
  });
  afterEach(() => render(null, root));

  const tile = (link: PeerLinkState, onRetry = vi.fn()) => {
    render(
      <Tile
        name="Bob"
        peerId="p1"
        stream={null}
        speaking={false}
        mic
        camera
        link={link}
        onRetry={onRetry}
      />,
      root,
    );
    return { onRetry, group: root.querySelector('[role="group"]') as HTMLElement };
  };

  it('says nothing while media flows', () => {
    const { group } = tile(PeerLinkState.Connected);
    expect(group.querySelector('[role="status"]')).toBeNull();
    expect(group.dataset.link).toBe('connected');
  });

  it('says "Reconnecting…" in a status while ICE recovers, with no button', () => {
    const { group } = tile(PeerLinkState.Reconnecting);
    expect(group.querySelector('[role="status"]')?.textContent).toBe('Reconnecting…');
    expect(group.querySelector('button')).toBeNull();
    expect(group.dataset.link).toBe('reconnecting');
  });

  it('says "Connecting…" before the first connection', () => {
    const { group } = tile(PeerLinkState.Connecting);
    expect(group.querySelector('[role="status"]')?.textContent).toBe('Connecting…');
  });

  it('offers a Retry button for an unreachable person, which calls onRetry', () => {
    const { group, onRetry } = tile(PeerLinkState.Unreachable);
    const status = group.querySelector('[role="status"]');
    expect(status?.textContent).toContain('Cannot reach Bob');
    const button = status?.querySelector('button');
    expect(button?.textContent).toBe('Retry');
    expect(button?.getAttribute('aria-label')).toBe('Retry connecting to Bob');
    button?.click();
    expect(onRetry).toHaveBeenCalledTimes(1);
  });
});
