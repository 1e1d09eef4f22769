import { useSignal } from '@preact/signals';
import { RecordingStore, type StoredRecording } from '@zvonok/recorder';
import { useEffect, useMemo } from 'preact/hooks';
import { locale } from '../i18n/i18n';
import { downloadBlob } from './download';
import { formatDuration, rt } from './messages';
import './Recording.css';

/**
 * After a tab crashed, reloaded or closed while recording, the next visit offers what was saved
 * (IndexedDB keeps every chunk as it is recorded): Download, then it is deleted; or Discard.
 * Recordings still running in another tab are not offered.
 */
export function RecoveredRecordings() {
  const store = useMemo(() => new RecordingStore(), []);
  const items = useSignal<readonly StoredRecording[]>([]);
  const busy = useSignal<string | null>(null);
  /** "Later": hidden on this page, offered again on the next visit. */
  const hidden = useSignal(false);

  useEffect(() => {
    let live = true;
    store
      .listUnfinished()
      .then((list) => {
        if (live) items.value = list;
      })
      .catch(() => {
        // No IndexedDB (some private modes): nothing can have been kept either.
      });
    return () => {
      live = false;
      store.close();
    };
  }, [store]);

  if (items.value.length === 0 || hidden.value) return null;

  const remove = async (id: string): Promise<void> => {
    await store.delete(id).catch(() => undefined);
    items.value = items.value.filter((r) => r.id !== id);
  };
  const download = async (item: StoredRecording): Promise<void> => {
    busy.value = item.id;
    try {
      const result = await store.recover(item.id);
      downloadBlob(result.blob, result.fileName);
      await remove(item.id);
    } catch {
      // Gone meanwhile (deleted in another tab): nothing left to offer.
      await remove(item.id);
    } finally {
      busy.value = null;
    }
  };

  const dateFormat = new Intl.DateTimeFormat(locale.value, {
    dateStyle: 'medium',
    timeStyle: 'short',
  });
  return (
    <section class="rec-recovered" aria-labelledby="rec-recovered-title">
      <h2 id="rec-recovered-title" class="rec-recovered__title">
        {rt('recoveredTitle')}
      </h2>
      {items.value.map((item) => (
        <div key={item.id} class="rec-recovered__item">
          <p>
            {rt('recoveredText', {
              room: item.room,
              date: dateFormat.format(item.startedAt),
              // Stored chunk times trail the media a little: round, not floor.
              duration: formatDuration(Math.round(item.durationMs / 1000) * 1000),
            })}
          </p>
          <div class="rec-recovered__actions">
            <button
              type="button"
              class="rec-notice__button rec-notice__button--primary"
              disabled={busy.value === item.id}
              onClick={() => void download(item)}
            >
              {rt('download')}
            </button>
            <button
              type="button"
              class="rec-notice__button"
              disabled={busy.value === item.id}
              onClick={() => void remove(item.id)}
            >
              {rt('discard')}
            </button>
          </div>
        </div>
      ))}
      <button type="button" class="rec-recovered__later" onClick={() => (hidden.value = true)}>
        {rt('later')}
      </button>
    </section>
  );
}
