/** Runs once before any worker starts a browser: the default fake camera/mic files must exist. */
import { DEFAULT_MEDIA, fakeMedia } from './media.js';

export default async function globalSetup(): Promise<void> {
  await fakeMedia(DEFAULT_MEDIA);
}
