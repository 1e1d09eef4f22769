import { useEffect, useState } from 'preact/hooks';
import type { LocalMedia } from '@zvonok/sdk';

/**
 * The cameras and microphones, refreshed when devices come and go and whenever `version`
 * changes (labels appear only once permission was given).
 */
export function useDevices(media: LocalMedia, version: number): MediaDeviceInfo[] {
  const [devices, setDevices] = useState<MediaDeviceInfo[]>([]);
  useEffect(() => {
    let active = true;
    const load = (): void => {
      media
        .listDevices()
        .then((list) => {
          if (active) setDevices(list);
        })
        .catch(() => undefined); // No list: the pickers just stay hidden.
    };
    load();
    navigator.mediaDevices?.addEventListener('devicechange', load);
    return () => {
      active = false;
      navigator.mediaDevices?.removeEventListener('devicechange', load);
    };
  }, [media, version]);
  return devices;
}
