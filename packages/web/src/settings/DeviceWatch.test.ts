import { beforeEach, describe, expect, it } from 'vitest';
import { locale } from '../i18n/i18n';
import { lostText } from './DeviceWatch';

beforeEach(() => {
  locale.value = 'en';
});

describe('lostText', () => {
  it('names the device that went away and the one used now', () => {
    expect(
      lostText(
        'audio',
        { deviceId: 'm1', label: 'Built-in microphone' },
        { deviceId: 'm2', label: 'Headset' },
      ),
    ).toBe('Your microphone “Headset” is no longer available. Using “Built-in microphone” now.');
  });

  it('works without labels (a device remembered from before) and when nothing is left', () => {
    expect(lostText('video', { deviceId: 'c1', label: '' }, { deviceId: 'c9', label: '' })).toBe(
      'The camera you chose is not available. Using the default one now.',
    );
    expect(lostText('video', null, { deviceId: 'c1', label: 'Cam' })).toContain(
      'Others see your initials',
    );
    expect(lostText('audio', null, { deviceId: 'm1', label: 'Mic' })).toContain(
      'Others cannot hear you',
    );
  });

  it('never names one device twice: the same device back says it works again', () => {
    expect(
      lostText(
        'audio',
        { deviceId: 'default', label: 'Default - Fake Default Audio Input' },
        { deviceId: 'default', label: 'Fake Default Audio Input' },
      ),
    ).toBe('Your microphone “Fake Default Audio Input” works again.');
    expect(
      lostText('video', { deviceId: 'c1', label: 'Cam' }, { deviceId: 'c1', label: 'Cam' }),
    ).toBe('Your camera “Cam” works again.');
    expect(lostText('video', { deviceId: 'c1', label: '' }, { deviceId: 'c1', label: '' })).toBe(
      'Your camera works again.',
    );
    locale.value = 'ru';
    expect(
      lostText('audio', { deviceId: 'm1', label: 'Mic' }, { deviceId: 'm1', label: 'Mic' }),
    ).toBe('Микрофон “Mic” снова работает.');
  });
});
