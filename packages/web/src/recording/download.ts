/**
 * Saves a Blob as a file through an `<a download>`: works in every browser without a server
 * round-trip, and the name is the one we choose.
 */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  // The download has taken its own reference by the next task; a minute is generous.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
