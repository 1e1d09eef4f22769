import type { ChatLimits } from '../signaling/rooms/ChatHistory.js';
import type { Room } from '../signaling/rooms/Room.js';
import type { RoomRegistry } from '../signaling/rooms/RoomRegistry.js';
import type { RedisBackplane } from './RedisBackplane.js';
import { SharedRoom } from './SharedRoom.js';

/**
 * The rooms in which this instance has members (or joins in progress). Each is subscribed to its
 * room channel while it exists here; the room itself lives in Redis.
 */
export class SharedRoomRegistry implements RoomRegistry<SharedRoom> {
  private readonly rooms = new Map<string, SharedRoom>();

  constructor(
    private readonly plane: RedisBackplane,
    private readonly chatLimits: ChatLimits,
  ) {}

  get(name: string): SharedRoom | undefined {
    return this.rooms.get(name);
  }

  create(name: string): SharedRoom {
    const room = new SharedRoom(name, this.plane, this.chatLimits);
    this.rooms.set(name, room);
    return room;
  }

  delete(room: Room): void {
    if (this.rooms.get(room.name) !== room) return;
    this.rooms.delete(room.name);
    this.plane.unsubscribeRoom(room.name);
  }

  /** Names of the rooms held here. */
  names(): IterableIterator<string> {
    return this.rooms.keys();
  }

  get size(): number {
    return this.rooms.size;
  }

  [Symbol.iterator](): Iterator<SharedRoom> {
    return this.rooms.values();
  }
}
