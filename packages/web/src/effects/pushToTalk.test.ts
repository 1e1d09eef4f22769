// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { pushToTalk, type PushToTalkTarget } from './pushToTalk';

function setup(inCall = true, micOn = false) {
  const state = { inCall, micOn, calls: [] as boolean[] };
  const target: PushToTalkTarget = {
    inCall: () => state.inCall,
    micOn: () => state.micOn,
    setMic: (on) => {
      state.calls.push(on);
      state.micOn = on;
      return Promise.resolve();
    },
  };
  const holding: boolean[] = [];
  const off = pushToTalk(target, window, (h) => holding.push(h));
  return { state, holding, off };
}

function key(type: 'keydown' | 'keyup', on: EventTarget = document.body, repeat = false) {
  const event = new KeyboardEvent(type, {
    code: 'Space',
    key: ' ',
    repeat,
    bubbles: true,
    cancelable: true,
  });
  on.dispatchEvent(event);
  return event;
}

let cleanup: (() => void) | undefined;
afterEach(() => {
  cleanup?.();
  cleanup = undefined;
  document.body.innerHTML = '';
});

describe('pushToTalk', () => {
  it('holding Space while muted speaks; letting go mutes again', () => {
    const { state, holding, off } = setup();
    cleanup = off;
    const down = key('keydown');
    expect(down.defaultPrevented).toBe(true);
    expect(state.calls).toEqual([true]);
    key('keydown', document.body, true); // auto-repeat while held
    expect(state.calls).toEqual([true]);
    const up = key('keyup');
    expect(up.defaultPrevented).toBe(true);
    expect(state.calls).toEqual([true, false]);
    expect(holding).toEqual([true, false]);
  });

  it('does nothing while typing in a text field', () => {
    const { state, off } = setup();
    cleanup = off;
    const input = document.createElement('input');
    document.body.append(input);
    const down = key('keydown', input);
    key('keyup', input);
    expect(down.defaultPrevented).toBe(false);
    expect(state.calls).toEqual([]);
  });

  it('leaves Space to a focused button or menu item, which Space presses', () => {
    const { state, off } = setup();
    cleanup = off;
    const button = document.createElement('button');
    const item = document.createElement('div');
    item.setAttribute('role', 'menuitem');
    const inner = document.createElement('span');
    item.append(inner);
    document.body.append(button, item);
    for (const target of [button, inner]) {
      const down = key('keydown', target);
      const up = key('keyup', target);
      expect(down.defaultPrevented).toBe(false);
      expect(up.defaultPrevented).toBe(false);
    }
    expect(state.calls).toEqual([]);
  });

  it('talks with the focus on the page itself', () => {
    const { state, off } = setup();
    cleanup = off;
    const down = key('keydown', document.body);
    const up = key('keyup', document.body);
    expect(down.defaultPrevented).toBe(true);
    expect(up.defaultPrevented).toBe(true);
    expect(state.calls).toEqual([true, false]);
  });

  it('does nothing when the mic is already on, or outside a call', () => {
    const on = setup(true, true);
    key('keydown');
    key('keyup');
    expect(on.state.calls).toEqual([]);
    on.off();
    const lobby = setup(false, false);
    cleanup = lobby.off;
    key('keydown');
    key('keyup');
    expect(lobby.state.calls).toEqual([]);
  });

  it('mutes again when the window loses focus while Space is held', () => {
    const { state, off } = setup();
    cleanup = off;
    key('keydown');
    window.dispatchEvent(new Event('blur'));
    expect(state.calls).toEqual([true, false]);
    key('keyup');
    expect(state.calls).toEqual([true, false]);
  });
});
