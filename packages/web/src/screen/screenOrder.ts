/**
 * Which shared screen is shown large when several people share at once: the one shared most
 * recently, unless the person picked another ("Show large"). Pure, so it is tested without a
 * browser; the call view and the recording use the same rule.
 */

/** Remembers when each screen started being shared, newest first. */
export class ScreenOrder {
  readonly #started = new Map<string, number>();
  #clock = 0;

  /**
   * Takes the ids sharing now; returns them newest first. An id keeps its place while it
   * shares; one that stops and shares again counts as new.
   */
  update(sharing: Iterable<string>): string[] {
    const now = new Set(sharing);
    for (const id of [...this.#started.keys()]) if (!now.has(id)) this.#started.delete(id);
    for (const id of now) if (!this.#started.has(id)) this.#started.set(id, ++this.#clock);
    return this.ids();
  }

  /** The sharing ids, newest first. */
  ids(): string[] {
    return [...this.#started].sort((a, b) => b[1] - a[1]).map(([id]) => id);
  }
}

/** The screen to show large: the picked one while it is still shared, else the newest. */
export function spotlightId(newestFirst: readonly string[], picked: string | null): string | null {
  if (picked !== null && newestFirst.includes(picked)) return picked;
  return newestFirst[0] ?? null;
}
