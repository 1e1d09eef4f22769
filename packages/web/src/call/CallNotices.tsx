import { describeError } from '../errors/errorInfo';
import { ErrorNotice } from '../errors/ErrorNotice';
import type { CallStore } from './CallStore';

/** Non-fatal problems during the call, each dismissable. */
export function CallNotices({ store }: { store: CallStore }) {
  const notices = store.notices.value;
  if (notices.length === 0) return null;
  return (
    <div class="call__notices">
      {notices.map((n) => (
        <ErrorNotice
          key={n.id}
          info={describeError(n.error)}
          handlers={{ dismiss: () => store.dismiss(n.id) }}
        />
      ))}
    </div>
  );
}
