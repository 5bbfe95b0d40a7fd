-- One token bucket per key, shared by every gateway replica (DigiCell, ADR 0011).
-- KEYS[1] the bucket; ARGV[1] capacity, ARGV[2] tokens per millisecond, ARGV[3] expiry in ms.
-- The clock is the store's (TIME), so replicas with skewed clocks agree. Answers {allowed, waitMs}.
local capacity = tonumber(ARGV[1])
local perMs = tonumber(ARGV[2])
local ttl = tonumber(ARGV[3])
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(state[1])
local at = tonumber(state[2])
if tokens == nil or at == nil then
  tokens = capacity
  at = now
end
tokens = math.min(capacity, tokens + math.max(0, now - at) * perMs)
local allowed = 0
local wait = 0
if tokens >= 1 then
  tokens = tokens - 1
  allowed = 1
else
  wait = math.ceil((1 - tokens) / perMs)
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
redis.call('PEXPIRE', KEYS[1], ttl)
return {allowed, wait}
