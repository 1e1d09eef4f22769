/** Names of the Redis keys and channels of one deployment (all under the configured prefix). */
export class Keys {
  constructor(private readonly prefix: string) {}

  /** The four keys of a room, in the order the scripts take them. */
  room(name: string): [members: string, meta: string, chat: string, chatKeys: string] {
    const base = `${this.prefix}room:${name}`;
    return [`${base}:members`, `${base}:meta`, `${base}:chat`, `${base}:chatkeys`];
  }

  /** The channel of a room's events. */
  roomChannel(name: string): string {
    return `${this.prefix}room:${name}`;
  }

  /** The room of a room channel, or null for another channel. */
  roomOf(channel: string): string | null {
    const start = `${this.prefix}room:`;
    return channel.startsWith(start) ? channel.slice(start.length) : null;
  }

  /** The channel of messages forwarded to one instance. */
  instanceChannel(instance: string): string {
    return `${this.prefix}instance:${instance}`;
  }

  /** The presence key of an instance (exists while it is alive). */
  alive(instance: string): string {
    return `${this.prefix}alive:${instance}`;
  }

  /** Marks a session that left for good: its tokens are refused while it exists. */
  revoked(id: string): string {
    return `${this.prefix}revoked:${id}`;
  }

  /** The record of wrong room-password guesses from one address (as limits count it) or at one room. */
  guesses(scope: 'address' | 'room', key: string): string {
    return `${this.prefix}guess:${scope}:${key}`;
  }
}
