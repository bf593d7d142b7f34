/**
 * Lua run atomically by Redis for the presence store. A room is a hash: field `<userId>@<nodeId>`,
 * value `<connections> <username>`. A user is online in the room while any field of theirs exists; the
 * fields of a dead node are removed by a surviving node's sweep, which is when its users stop counting.
 */

/**
 * Sets this node's count for one user (0 deletes the field). KEYS: room, rooms-of-this-node set.
 * ARGV: node, conversationId, userId, count, username.
 * Returns how many fields the user has on other nodes.
 */
export const SET_COUNT = `
local field = ARGV[3] .. '@' .. ARGV[1]
if tonumber(ARGV[4]) > 0 then
  redis.call('HSET', KEYS[1], field, ARGV[4] .. ' ' .. ARGV[5])
  redis.call('SADD', KEYS[2], ARGV[2])
else
  redis.call('HDEL', KEYS[1], field)
end
local others = 0
for _, f in ipairs(redis.call('HKEYS', KEYS[1])) do
  local uid, node = string.match(f, '^(%d+)@(.+)$')
  if uid == ARGV[3] and node ~= ARGV[1] then others = others + 1 end
end
return others
`;

/** Who is online. KEYS: room. Returns `[userId, username, …]`. */
export const LIST = `
local seen, out = {}, {}
local all = redis.call('HGETALL', KEYS[1])
for i = 1, #all, 2 do
  local uid = string.match(all[i], '^(%d+)@')
  if uid and not seen[uid] then
    seen[uid] = true
    table.insert(out, uid); table.insert(out, string.match(all[i + 1], '^%d+ (.*)$') or '')
  end
end
return out
`;

/**
 * Makes one node's fields in a room exactly the given ones (none: the node is gone from the room).
 * KEYS: room. ARGV: node, then pairs userId, value.
 * Returns `{ left, joined }`, each `[userId, username, …]`: users who stopped / started being online.
 */
export const REPLACE_NODE = `
local keep = {}
for i = 2, #ARGV, 2 do keep[ARGV[i]] = ARGV[i + 1] end
local had, removed = {}, {}
local all = redis.call('HGETALL', KEYS[1])
for i = 1, #all, 2 do
  local uid, node = string.match(all[i], '^(%d+)@(.+)$')
  if uid then
    had[uid] = true
    if node == ARGV[1] and not keep[uid] then
      redis.call('HDEL', KEYS[1], all[i])
      removed[uid] = string.match(all[i + 1], '^%d+ (.*)$') or ''
    end
  end
end
local joined = {}
for uid, value in pairs(keep) do
  redis.call('HSET', KEYS[1], uid .. '@' .. ARGV[1], value)
  if not had[uid] then table.insert(joined, uid); table.insert(joined, string.match(value, '^%d+ (.*)$') or '') end
end
local still = {}
for _, f in ipairs(redis.call('HKEYS', KEYS[1])) do
  local uid = string.match(f, '^(%d+)@')
  if uid then still[uid] = true end
end
local left = {}
for uid, name in pairs(removed) do
  if not still[uid] then table.insert(left, uid); table.insert(left, name) end
end
return { left, joined }
`;
