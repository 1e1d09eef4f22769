/**
 * The call layout's words (grid or speaker, pinning, full screen, the floating self-view, the
 * toolbar's "More" menu), in every language the app speaks. Kept beside the feature (like the
 * recording's); it follows the app's current language.
 */
import { catalog } from '../i18n/i18n';

const en = {
  more: 'More',
  moreHint: 'More options',
  layoutGrid: 'Grid layout',
  layoutSpeaker: 'Speaker layout',
  tileOptions: 'Options for {name}',
  pin: 'Pin',
  unpin: 'Unpin',
  fullScreen: 'Full screen',
  exitFullScreen: 'Exit full screen',
  selfViewMove: 'Move self-view',
  selfViewMoveHint: 'Moves your video to the next corner. You can also drag it.',
  selfViewHide: 'Hide self-view',
  selfViewShow: 'Show self-view',
  previousPage: 'Previous people',
  nextPage: 'More people',
  pageOf: 'Page {page} of {pages}',
  featured: 'Shown large',
} as const;

type LayoutMessageKey = keyof typeof en;

const ru: Record<LayoutMessageKey, string> = {
  more: 'Ещё',
  moreHint: 'Другие действия',
  layoutGrid: 'Сетка',
  layoutSpeaker: 'Крупно говорящий',
  tileOptions: 'Действия: {name}',
  pin: 'Закрепить',
  unpin: 'Открепить',
  fullScreen: 'Во весь экран',
  exitFullScreen: 'Выйти из полноэкранного режима',
  selfViewMove: 'Переместить своё видео',
  selfViewMoveHint: 'Переносит ваше видео в следующий угол. Его можно и перетащить.',
  selfViewHide: 'Скрыть своё видео',
  selfViewShow: 'Показать своё видео',
  previousPage: 'Предыдущие участники',
  nextPage: 'Другие участники',
  pageOf: 'Страница {page} из {pages}',
  featured: 'Крупно',
};

const messages = catalog<LayoutMessageKey>({ en, ru });

/** Both dictionaries, for the test that keeps every language complete (i18n.test.ts). */
export const layoutDictionaries = messages.dictionaries;

/** A layout message in the current language, placeholders filled. */
export const lt = messages.t;
