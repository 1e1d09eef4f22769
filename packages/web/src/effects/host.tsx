/**
 * The effects' only part in the first download: a view that loads their code (a lazy chunk) and
 * draws what it gives for its place. The lobby always shows one, and loading them applies the
 * remembered choices (noise suppression, background), so they are in force before joining.
 */
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { RoomSession } from '../room/RoomSession';

/** Where a view of the effects goes. */
export type EffectsPlace = 'lobby' | 'settings' | 'call';

/** The effects' view for a place, drawn once their code has loaded (nothing before). */
export function EffectsView({ session, place }: { session: RoomSession; place: EffectsPlace }) {
  const [View, setView] = useState<ComponentType | null>(null);
  useEffect(() => {
    // Offline before it was ever cached: the view stays away, as if there were no effects.
    import('./effects').then((fx) => setView(() => fx.viewFor(session, place)), String);
  }, []);
  return View && <View />;
}
