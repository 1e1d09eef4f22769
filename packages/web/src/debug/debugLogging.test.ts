// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Logger } from '@zvonok/sdk';
import { DEBUG_STORAGE_KEY, applyDebugLogging, debugParam } from './debugLogging';

let installed: Logger[];
const install = (logger: Logger): void => void installed.push(logger);

beforeEach(() => {
  installed = [];
  localStorage.clear();
  vi.spyOn(console, 'debug').mockImplementation(() => undefined);
  vi.spyOn(console, 'info').mockImplementation(() => undefined);
});
afterEach(() => {
  vi.restoreAllMocks();
});

describe('debugParam', () => {
  it('reads ?debug as on, ?debug=0/false/off as off, its absence as no say', () => {
    expect(debugParam('?debug')).toBe(true);
    expect(debugParam('?debug=1')).toBe(true);
    expect(debugParam('?lang=ru&debug')).toBe(true);
    expect(debugParam('?debug=0')).toBe(false);
    expect(debugParam('?debug=false')).toBe(false);
    expect(debugParam('?debug=OFF')).toBe(false);
    expect(debugParam('')).toBeUndefined();
    expect(debugParam('?debugger=1')).toBeUndefined();
  });
});

describe('applyDebugLogging', () => {
  it('leaves the SDK silent unless asked', () => {
    expect(applyDebugLogging('', install)).toBe(false);
    expect(installed).toEqual([]);
  });

  it('?debug installs a console logger that shows debug messages with their namespace', () => {
    expect(applyDebugLogging('?debug', install)).toBe(true);
    expect(installed).toHaveLength(1);
    installed[0]?.child('media').debug('getUserMedia', { audio: true });
    expect(console.debug).toHaveBeenCalledWith('[zvonok:media] getUserMedia', { audio: true });
  });

  it('remembers ?debug for later visits without it, until ?debug=0', () => {
    applyDebugLogging('?debug', install);
    expect(localStorage.getItem(DEBUG_STORAGE_KEY)).toBe('1');
    expect(applyDebugLogging('', install)).toBe(true);
    expect(installed).toHaveLength(2);

    expect(applyDebugLogging('?debug=0', install)).toBe(false);
    expect(localStorage.getItem(DEBUG_STORAGE_KEY)).toBeNull();
    expect(applyDebugLogging('', install)).toBe(false);
    expect(installed).toHaveLength(2);
  });
});
