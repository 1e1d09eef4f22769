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
  const count = controller.screens.value.length;
  return (
    <section class="stage__main" aria-label={st('sharedScreen')}>
      <ScreenTile screen={spotlight} large />
      {count > 1 && <p class="stage__note">{st('severalScreens', { count })}</p>}
    </section>
  );
}

/** The screens not shown large, as tiles with a "Show large" button. */
export function OtherScreens({ controller }: { controller: ScreenShareController }) {
  const spotlight = controller.spotlight.value;
  return (
    <>
      {controller.screens.value
        .filter((s) => s.id !== spotlight?.id)
        .map((s) => (
          <ScreenTile key={`screen-${s.id}`} screen={s} onShowLarge={() => controller.pick(s.id)} />
        ))}
    </>
  );
}
