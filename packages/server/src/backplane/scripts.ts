/**
 * The Lua scripts of the Redis backplane. Each runs atomically in Redis, so the checks of a join
 * (password, capacity, id) and the change they allow cannot interleave with another instance's,
 * and each change is published in the same step, numbered by the room's event counter `ev`.
 * Subscribers therefore see a room's events in one order, and a snapshot returned by a script
 * tells exactly which events came after it.
 *
 * Every room script takes KEYS = [members, meta, chat, chatKeys] and ARGV[1] = the room's
 * channel, ARGV[2] = the room keys' lifetime (ms); its own arguments follow.
 *
 * - members: hash `peerId -> instanceId|PeerInfo JSON`
 * - meta: hash `pw` (salt:hash), `ev` (event counter), `seq` (chat counter), `cb` (bytes of
 *   the kept chat)
 * - chat: list of the kept chat messages (JSON), oldest first
 * - chatKeys: hash `from\nclientId -> JSON`, to recognise a resent message, and `#seq -> from\n
 *   clientId`, to find that key again when the message is trimmed
 *
 * A published room event is `ev|kind|subject|extra|body` (see envelope.ts).
 */

import { EventKind, LEFT_REPLACED } from './envelope.js';

const PRELUDE = `
local M, META, CHAT, CK = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
local CHANNEL, TTL = ARGV[1], tonumber(ARGV[2])
local function owner(seat) return string.match(seat, '^([^|]*)') end
local function emit(kind, subject, extra, body)
  local ev = redis.call('HINCRBY', META, 'ev', 1)
  redis.call('PUBLISH', CHANNEL, ev .. '|' .. kind .. '|' .. subject .. '|' .. extra .. '|' .. body)
  return ev
end
local function touch()
  for _, k in ipairs(KEYS) do redis.call('PEXPIRE', k, TTL) end
end
local function left(id) return '{"type":"peer-left","id":"' .. id .. '"}' end
`;

/**
 * Join. ARGV: 3 id, 4 instance, 5 PeerInfo JSON, 6 capacity, 7 the password record the caller
 * verified ('' for none), 8 the record to set if the room is created ('' for none), 9 '1' when
 * the caller holds a resume claim for `id`, 10 the id to replace ('' for none), 11 peer-joined
 * JSON, 12 now (ms: the first chat number of a new room), 13 '1' when the claim may only take
 * back a seat that still exists (its token expired).
 *
 * Replies: {'seat', previousOwner, storedInfo, ev, members, chat} (the claimed seat is still
 * held: it now belongs to the caller), {'pw', record} (the room's password is not the one the
 * caller verified), {'full'}, {'taken'} (the id is in use: pick another), {'noseat'} (a
 * seat-only claim found no seat: join afresh), or
 * {'ok', ev, members, chat, record}.
 */
export const JOIN = `${PRELUDE}
local id, inst, info = ARGV[3], ARGV[4], ARGV[5]
local cap = tonumber(ARGV[6])
local known, newpw, resume, replace, joined = ARGV[7], ARGV[8], ARGV[9], ARGV[10], ARGV[11]
local exists = redis.call('EXISTS', M) == 1
if resume == '1' and exists then
  local seat = redis.call('HGET', M, id)
  if seat then
    local old = owner(seat)
    local stored = string.sub(seat, #old + 2)
    local ev = redis.call('HGET', META, 'ev') or '0'
    if old ~= inst then
      redis.call('HSET', M, id, inst .. '|' .. stored)
      ev = emit('${EventKind.Moved}', id, inst, '')
    end
    touch()
    return {'seat', old, stored, tostring(ev), redis.call('HGETALL', M), redis.call('LRANGE', CHAT, 0, -1)}
  end
end
if resume == '1' and ARGV[13] == '1' then return {'noseat'} end
local pw = ''
if exists then pw = redis.call('HGET', META, 'pw') or '' end
if pw ~= known then return {'pw', pw} end
if replace ~= '' and exists and redis.call('HEXISTS', M, replace) == 1 then
  redis.call('HDEL', M, replace)
  emit('${EventKind.Left}', replace, '${LEFT_REPLACED}', left(replace))
end
if redis.call('EXISTS', M) == 0 then
  -- A new room (or one emptied just now): fresh chat and password; the event counter goes on.
  redis.call('DEL', CHAT, CK)
  redis.call('HDEL', META, 'pw', 'cb')
  -- Chat numbers start from the creation time (ms), as in memory: a later life of the room
  -- never hands out numbers an earlier one gave.
  redis.call('HSET', META, 'seq', ARGV[12])
  pw = newpw
  if pw ~= '' then redis.call('HSET', META, 'pw', pw) end
elseif redis.call('HLEN', M) >= cap then
  return {'full'}
end
if redis.call('HEXISTS', M, id) == 1 then return {'taken'} end
redis.call('HSET', M, id, inst .. '|' .. info)
local ev = emit('${EventKind.Joined}', id, inst, joined)
touch()
return {'ok', tostring(ev), redis.call('HGETALL', M), redis.call('LRANGE', CHAT, 0, -1), pw}
`;

/**
 * Leave. ARGV: 3 id, 4 the owner it must have ('' for any), 5 LEFT_REPLACED when the peer is replaced (its
 * instance closes its connection). Replies 1 when removed, 0 when it was not there (or not the
 * owner's any more). An emptied room loses its chat and password.
 */
export const LEAVE = `${PRELUDE}
local id, inst = ARGV[3], ARGV[4]
local seat = redis.call('HGET', M, id)
if not seat then return 0 end
if inst ~= '' and owner(seat) ~= inst then return 0 end
redis.call('HDEL', M, id)
if redis.call('HLEN', M) == 0 then
  redis.call('DEL', CHAT, CK)
  redis.call('HDEL', META, 'pw', 'seq', 'cb')
end
emit('${EventKind.Left}', id, ARGV[5], left(id))
touch()
return 1
`;

/**
 * State change. ARGV: 3 id, 4 instance, 5 PeerInfo JSON, 6 peer-state JSON. Replies 1, or 0 when
 * the seat is not the instance's.
 */
export const STATE = `${PRELUDE}
local id, inst = ARGV[3], ARGV[4]
local seat = redis.call('HGET', M, id)
if not seat or owner(seat) ~= inst then return 0 end
redis.call('HSET', M, id, inst .. '|' .. ARGV[5])
emit('${EventKind.State}', id, '', ARGV[6])
return 1
`;

/**
 * Chat. ARGV: 3 from, 4 client id, 5 the message JSON without its closing brace, 6 how many to
 * keep, 7 now (ms: where numbering starts if the room has no number yet), 8 how many bytes of
 * JSON to keep. Replies {'dup', json} for a resend of a kept message, else {'new', json} with
 * `seq` appended (the room's next number).
 *
 * No user data is ever decoded here (cjson would fail on text it cannot represent, and a failing
 * script would drop the message after the caller was told it was kept): the oldest message is
 * found by its number (`#seq` in chatKeys names its resend key), and its size is its byte
 * length. `cb` in meta is the byte total of the kept list.
 */
export const CHAT = `${PRELUDE}
local key = ARGV[3] .. '\\n' .. ARGV[4]
local kept = redis.call('HGET', CK, key)
if kept then return {'dup', kept} end
-- A room rebuilt by a resync (Redis lost it) numbers from now, like a new one.
redis.call('HSETNX', META, 'seq', ARGV[7])
local seq = redis.call('HINCRBY', META, 'seq', 1)
local json = ARGV[5] .. ',"seq":' .. seq .. '}'
local n = redis.call('RPUSH', CHAT, json)
redis.call('HSET', CK, key, json)
redis.call('HSET', CK, '#' .. seq, key)
local bytes = redis.call('HINCRBY', META, 'cb', #json)
local limit, budget = tonumber(ARGV[6]), tonumber(ARGV[8])
-- Numbers are contiguous (a list is emptied whenever numbering restarts), so the oldest kept
-- message has this one.
local first = seq - n + 1
while n > 1 and (n > limit or bytes > budget) do
  local old = redis.call('LPOP', CHAT)
  bytes = redis.call('HINCRBY', META, 'cb', -#old)
  local oldKey = redis.call('HGET', CK, '#' .. first)
  if oldKey then
    redis.call('HDEL', CK, '#' .. first)
    if redis.call('HGET', CK, oldKey) == old then redis.call('HDEL', CK, oldKey) end
  end
  first = first + 1
  n = n - 1
end
emit('${EventKind.Chat}', ARGV[3], '', json)
touch()
return {'new', json}
`;

/**
 * Resync after an outage: makes Redis hold exactly this instance's members of the room.
 * ARGV: 3 instance, 4 the room's password record ('' for none), 5 the last event number the
 * instance saw (the counter is raised to it), then pairs of id and PeerInfo JSON. Seats of the instance that it no longer holds leave; missing ones join (announced); seats
 * that moved to another instance meanwhile are left alone and listed as lost.
 * Replies {ev, members, lost}.
 */
export const RESYNC = `${PRELUDE}
local inst = ARGV[3]
local mine = {}
for i = 6, #ARGV, 2 do mine[ARGV[i]] = ARGV[i + 1] end
if redis.call('EXISTS', M) == 0 and ARGV[4] ~= '' then redis.call('HSET', META, 'pw', ARGV[4]) end
-- Event numbers never go back, even if Redis lost the room: instances compare them.
if tonumber(redis.call('HGET', META, 'ev') or '0') < tonumber(ARGV[5]) then
  redis.call('HSET', META, 'ev', ARGV[5])
end
local all = redis.call('HGETALL', M)
for i = 1, #all, 2 do
  local id, seat = all[i], all[i + 1]
  if owner(seat) == inst and not mine[id] then
    redis.call('HDEL', M, id)
    emit('${EventKind.Left}', id, '', left(id))
  end
end
local lost = {}
for i = 6, #ARGV, 2 do
  local id, info = ARGV[i], ARGV[i + 1]
  local seat = redis.call('HGET', M, id)
  if not seat then
    redis.call('HSET', M, id, inst .. '|' .. info)
    emit('${EventKind.Joined}', id, inst, '{"type":"peer-joined",' .. string.sub(info, 2))
  elseif owner(seat) ~= inst then
    table.insert(lost, id)
  else
    redis.call('HSET', M, id, inst .. '|' .. info)
  end
end
touch()
return {tostring(redis.call('HGET', META, 'ev') or '0'), redis.call('HGETALL', M), lost}
`;

/**
 * Heartbeat: KEYS[1] is the instance's presence key, the others the keys of the rooms where it
 * has members. ARGV: 1 presence lifetime (ms), 2 room keys' lifetime (ms).
 */
export const TOUCH = `
redis.call('SET', KEYS[1], '1', 'PX', ARGV[1])
for i = 2, #KEYS do redis.call('PEXPIRE', KEYS[i], ARGV[2]) end
return 1
`;

/**
 * One more wrong room-password guess under KEYS[1] (a hash `f` failures, `a` first at, `n` next
 * attempt at), by the rules of `afterFailure` in signaling/auth/AttemptGuard.ts: a record older than
 * the window starts again, the first `free` failures cost nothing, each later one sets the next
 * attempt `base * 2^(over-1)` (at most `maxDelay`) ms ahead. The key expires with its window.
 * ARGV: 1 now (ms), 2 free, 3 base, 4 maxDelay, 5 window. Only numbers are read here.
 */
export const FAIL_ATTEMPT = `
local now, free, base, maxDelay, window =
  tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[5])
local rec = redis.call('HMGET', KEYS[1], 'f', 'a', 'n')
local f, a, n = tonumber(rec[1]), tonumber(rec[2]), tonumber(rec[3])
if f == nil or a == nil or n == nil or now - a > window then
  f, a, n = 0, now, now
end
f = f + 1
local over = f - free
if over > 0 then n = now + math.min(maxDelay, base * (2 ^ (over - 1))) end
redis.call('HSET', KEYS[1], 'f', f, 'a', a, 'n', math.floor(n))
redis.call('PEXPIRE', KEYS[1], math.max(1, a + window - now + 1))
return f
`;
