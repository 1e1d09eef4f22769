/** Up to two initials of a display name, for the camera-off avatar ("Ann Lee" -> "AL"). */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters = words
    .slice(0, 2)
    // Array.from splits by code point, so an emoji or a surrogate pair stays whole.
    .map((w) => Array.from(w)[0] ?? '')
    .join('');
  return letters.toLocaleUpperCase() || '?';
}

/** A stable colour slot (0..7) for a name, so each person keeps their avatar colour. */
export function colorSlot(key: string): number {
  let h = 0;
  for (let i = 0; i < key.length; i++) h = (h * 31 + key.charCodeAt(i)) | 0;
  return Math.abs(h) % 8;
}
