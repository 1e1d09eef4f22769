import { CallError, CallErrorCode } from '@zvonok/sdk';
import { describe, expect, it } from 'vitest';
import { en } from '../i18n/en';
import { ru } from '../i18n/ru';
import { describeCameraError, describeError, errorInfo } from './errorInfo';

const codes = Object.values(CallErrorCode);

describe('errorInfo', () => {
  it('describes every CallErrorCode', () => {
    expect(Object.keys(errorInfo).sort()).toEqual([...codes].sort());
  });

  it.each(codes)('%s has a translated title and body', (code) => {
    const info = describeError(new CallError(code, 'x'));
    for (const key of [info.title, info.body]) {
      expect(en[key]).toBeTruthy();
      expect(ru[key]).toBeTruthy();
    }
    expect(info.title).not.toBe('errUnknownTitle');
  });

  it.each(codes)('%s offers a way forward (a button or a field to fix)', (code) => {
    const info = errorInfo[code];
    expect(info.actions.length > 0 || info.focus !== undefined).toBe(true);
  });

  it('sends the person to the password field for password problems', () => {
    expect(errorInfo[CallErrorCode.PasswordRequired].focus).toBe('password');
    expect(errorInfo[CallErrorCode.WrongPassword].focus).toBe('password');
  });

  it('offers audio only when the camera is refused or missing', () => {
    expect(errorInfo[CallErrorCode.MediaPermissionDenied].actions).toContain('joinAudioOnly');
    expect(errorInfo[CallErrorCode.MediaNotFound].actions).toContain('joinAudioOnly');
    const camera = describeCameraError(new CallError(CallErrorCode.MediaPermissionDenied, 'x'));
    expect(camera.actions[0]).toBe('joinAudioOnly');
    expect(camera.title).toBe('errCameraBlockedTitle');
  });

  it('describes a non-CallError as unknown with a retry', () => {
    expect(describeError(new Error('boom'))).toMatchObject({
      title: 'errUnknownTitle',
      actions: ['tryAgain'],
    });
  });
});
