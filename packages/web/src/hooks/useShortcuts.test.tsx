// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { isTypingTarget, useShortcuts } from './useShortcuts';

function Harness({ onM }: { onM: () => void }) {
  useShortcuts({ m: onM });
  return (
    <div>
      <input id="text" type="text" />
      <input id="box" type="checkbox" />
      <textarea id="area" />
      <button id="btn" type="button">
        x
      </button>
    </div>
  );
}

const press = (target: Element, key: string, init: KeyboardEventInit = {}) =>
  target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, ...init }));

describe('useShortcuts', () => {
  const root = document.createElement('div');
  document.body.append(root);
  afterEach(() => render(null, root));

  it('fires on the page and on buttons, in either case', async () => {
    const onM = vi.fn();
    await act(() => render(<Harness onM={onM} />, root));
    press(document.body, 'm');
    press(root.querySelector('#btn')!, 'M');
    press(root.querySelector('#box')!, 'm');
    expect(onM).toHaveBeenCalledTimes(3);
  });

  it('does not fire while typing, with a modifier, or on repeat', async () => {
    const onM = vi.fn();
    await act(() => render(<Harness onM={onM} />, root));
    press(root.querySelector('#text')!, 'm');
    press(root.querySelector('#area')!, 'm');
    press(document.body, 'm', { ctrlKey: true });
    press(document.body, 'm', { repeat: true });
    expect(onM).not.toHaveBeenCalled();
  });

  it('stops listening when unmounted', async () => {
    const onM = vi.fn();
    await act(() => render(<Harness onM={onM} />, root));
    await act(() => render(null, root));
    press(document.body, 'm');
    expect(onM).not.toHaveBeenCalled();
  });

  it('knows which targets take text', () => {
    const input = document.createElement('input');
    expect(isTypingTarget(input)).toBe(true);
    input.type = 'radio';
    expect(isTypingTarget(input)).toBe(false);
    expect(isTypingTarget(document.createElement('select'))).toBe(true);
    expect(isTypingTarget(null)).toBe(false);
  });
});
