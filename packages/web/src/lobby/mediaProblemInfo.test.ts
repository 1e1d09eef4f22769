import { CallError, CallErrorCode } from '@zvonok/sdk';
import { describe, expect, it } from 'vitest';
import { mediaProblemInfo } from './MediaProblemNotice';

const denied = new CallError(CallErrorCode.MediaPermissionDenied, 'x');

describe('mediaProblemInfo', () => {
  it('camera refused, mic working: about the camera, audio only first', () => {
    const info = mediaProblemInfo({ error: denied, scope: 'video', audioOnlyPossible: true });
    expect(info.title).toBe('errCameraBlockedTitle');
    expect(info.actions[0]).toBe('joinAudioOnly');
  });

  it('both refused at once: audio only is offered while the mic may still work', () => {
    const info = mediaProblemInfo({ error: denied, scope: 'all', audioOnlyPossible: true });
    expect(info.actions).toEqual(['tryAgain', 'joinAudioOnly', 'joinWithoutMedia']);
  });

  it('the mic failed too: no audio-only button, joining without devices remains', () => {
    const info = mediaProblemInfo({ error: denied, scope: 'all', audioOnlyPossible: false });
    expect(info.actions).not.toContain('joinAudioOnly');
    expect(info.actions).toContain('joinWithoutMedia');
  });

  it('only the mic failed: retry or dismiss', () => {
    const info = mediaProblemInfo({ error: denied, scope: 'audio', audioOnlyPossible: true });
    expect(info.actions).toEqual(['tryAgain', 'dismiss']);
  });
});
