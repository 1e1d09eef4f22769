import { st } from './messages';
import type { ScreenShareController } from './ScreenShareController';
import { ScreenTile } from './ScreenTile';

/**
 * The spotlight: the screen shown large (the newest share, or the one picked). With several
 * screens shared it says so; the others are tiles beside the people (see {@link OtherScreens}).
 */
export function ScreenStage({ controller }: { controller: ScreenShareController }) {
  const spotlight = controller.spotlight.value;
  if (!spotlight) return null;
  const count = controller.screens.value.filter((s) => !s.own).length;
  return (
    <section class="stage__main" aria-label={st('sharedScreen')}>
      <ScreenTile screen={spotlight} large />
      {count > 1 && <p class="stage__note">{st('severalScreens', { count })}</p>}
    </section>
  );
}

/**
 * The others' screens not shown large, as tiles with a "Show large" button (the own screen is
 * the presenting card's preview, see SharingNotice).
 */
export function OtherScreens({ controller }: { controller: ScreenShareController }) {
  const spotlight = controller.spotlight.value;
  return (
    <>
      {controller.screens.value
        .filter((s) => !s.own && s.id !== spotlight?.id)
        .map((s) => (
          <ScreenTile key={`screen-${s.id}`} screen={s} onShowLarge={() => controller.pick(s.id)} />
        ))}
    </>
  );
}
