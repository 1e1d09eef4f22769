/** Characters kept from a room name in a file name; anything else becomes `-`. */
const UNSAFE_FILE_CHARS = /[^A-Za-z0-9_-]+/g;

/** Longest room part of a file name, so the whole name stays well under file-system limits. */
const MAX_ROOM_CHARS = 64;

/**
 * The download name of a recording: `zvonok-<room>-<YYYY-MM-DD-HHmm>.webm`, in local time (the
 * time the person sees on their clock when they look for the file).
 *
 * The room is reduced to `[A-Za-z0-9_-]` so the name is valid on every file system and in a
 * `Content-Disposition`-free `<a download>`; an empty result becomes `call`.
 */
export function recordingFileName(room: string, startedAt: Date): string {
  const safeRoom =
    room
      .replace(UNSAFE_FILE_CHARS, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, MAX_ROOM_CHARS) || 'call';
  const pad = (n: number): string => String(n).padStart(2, '0');
  const stamp =
    `${startedAt.getFullYear()}-${pad(startedAt.getMonth() + 1)}-${pad(startedAt.getDate())}` +
    `-${pad(startedAt.getHours())}${pad(startedAt.getMinutes())}`;
  return `zvonok-${safeRoom}-${stamp}.webm`;
}
