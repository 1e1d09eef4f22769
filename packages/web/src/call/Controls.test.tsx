// @vitest-environment happy-dom
import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { locale } from '../i18n/i18n';
import { Tile } from '../tile/Tile';
import { Controls, type ControlsProps } from './Controls';

/** The accessible name of a button as the tests compute it here: aria-label, else its text. */
const nameOf = (el: Element) => el.getAttribute('aria-label') ?? el.textContent ?? '';

describe('the names and roles the E2E tests rely on', () => {
  const root = document.createElement('div');
  beforeEach(() => {
    locale.value = 'en';
  });
  afterEach(() => render(null, root));

  const controls = (props: Partial<ControlsProps> = {}) => {
    const onToggleMic = vi.fn();
    render(
      <Controls
        micOn
        cameraOn={false}
        panel={null}
        unread={0}
        onToggleMic={onToggleMic}
        onToggleCamera={() => undefined}
        onTogglePanel={() => undefined}
        onCopyLink={() => undefined}
        onLeave={() => undefined}
        more={[]}
        {...props}
      />,
      root,
    );
    return { onToggleMic };
  };

  it('toolbar "Call controls" holds the six buttons, toggles with aria-pressed', () => {
    const { onToggleMic } = controls();
    const toolbar = root.querySelector('[role="toolbar"]');
    expect(toolbar?.getAttribute('aria-label')).toBe('Call controls');
    const buttons = [...root.querySelectorAll('button')];
    expect(buttons.map(nameOf)).toEqual([
      'Microphone',
      'Camera',
      'Chat',
      'Participants',
      'Copy link',
      'Leave call',
    ]);
    expect(buttons[0]?.getAttribute('aria-pressed')).toBe('true');
    expect(buttons[1]?.getAttribute('aria-pressed')).toBe('false');
    buttons[0]?.click();
    expect(onToggleMic).toHaveBeenCalledOnce();
  });

  it('on phones keeps mic, camera, chat, More and leave in the bar; the rest are labelled menu items', async () => {
    const onCopyLink = vi.fn();
    controls({
      compact: true,
      onCopyLink,
      more: [{ key: 'settings', label: 'Settings', onSelect: () => undefined }],
    });
    const bar = [...root.querySelectorAll('[role="toolbar"] > button, .menu > button')];
    expect(bar.map(nameOf)).toEqual(['Microphone', 'Camera', 'Chat', 'More', 'Leave call']);
    const more = root.querySelector<HTMLButtonElement>('[aria-haspopup="menu"]');
    expect(more?.getAttribute('aria-expanded')).toBe('false');
    more?.click();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(more?.getAttribute('aria-expanded')).toBe('true');
    const items = [...root.querySelectorAll('[role="menu"] [role="menuitem"]')];
    expect(items.map((i) => i.textContent)).toEqual(['Participants', 'Settings', 'Copy link']);
    (items[2] as HTMLButtonElement).click();
    expect(onCopyLink).toHaveBeenCalledOnce();
  });

  it('puts the unread count into the Chat button name', () => {
    controls({ unread: 3 });
    const chat = [...root.querySelectorAll('button')][2];
    expect(chat?.getAttribute('aria-label')).toBe('Chat, 3 unread');
  });

  it('a tile is a group named after the person, with mic-off and camera-off images', () => {
    render(
      <Tile name="Ann" peerId="p1" stream={null} speaking={false} mic={false} camera={false} />,
      root,
    );
    const tile = root.querySelector('[role="group"]');
    expect(tile?.getAttribute('aria-label')).toBe('Ann');
    expect(tile?.getAttribute('data-peer-id')).toBe('p1');
    expect(tile?.getAttribute('data-speaking')).toBe('false');
    expect(tile?.querySelector('video')).not.toBeNull();
    const images = [...root.querySelectorAll('[role="img"]')].map((e) =>
      e.getAttribute('aria-label'),
    );
    expect(images.sort()).toEqual(['Camera off', 'Microphone off']);
  });
});
