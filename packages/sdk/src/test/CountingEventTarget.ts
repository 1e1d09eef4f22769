/**
 * An EventTarget that counts the listeners attached to it, so tests can check that the SDK
 * removes every listener it added when it closes (fake sockets and peer connections extend it).
 */
export class CountingEventTarget extends EventTarget {
  #listeners = 0;

  /** Listeners attached now. */
  get listenerCount(): number {
    return this.#listeners;
  }

  override addEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject | null,
    options?: AddEventListenerOptions | boolean,
  ): void {
    if (listener) this.#listeners++;
    super.addEventListener(type, listener, options);
  }

  override removeEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject | null,
    options?: EventListenerOptions | boolean,
  ): void {
    if (listener) this.#listeners--;
    super.removeEventListener(type, listener, options);
  }
}
