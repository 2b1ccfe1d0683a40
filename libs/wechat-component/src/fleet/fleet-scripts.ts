// The campaign's state changes, each one atomic in Redis. Apps are JSON records in one hash per campaign; every
// change of an app's state moves its count in the counts hash in the same script, so counts never drift.
//
// An app record carries `gen` (which job may work on it: `a-{campaign}-{app}-{gen}`) and `owner` (the BullMQ
// token of the run that claimed it). A write checks both, so a run that lost its job (an instance presumed dead
// that comes back) changes nothing. `hint` (an audit push) and `action` (withdraw, rollback) are written by
// others while a step runs; a step's write keeps them unless it consumed them.

const HELPERS = `
local FINAL = { released = true, failed = true, withdrawn = true, ['rolled-back'] = true, cancelled = true }
local function count(counts, state) return tonumber(redis.call('HGET', counts, state) or '0') end
local function move(counts, from, to)
  if from ~= to then
    redis.call('HINCRBY', counts, from, -1)
    redis.call('HINCRBY', counts, to, 1)
  end
end
local function release_active(active, appId, campaignId)
  if redis.call('HGET', active, appId) == campaignId then redis.call('HDEL', active, appId) end
end
local function finished_check(campaign, counts, now)
  local total = tonumber(redis.call('HGET', campaign, 'total') or '0')
  local done = 0
  for state, _ in pairs(FINAL) do done = done + count(counts, state) end
  if done < total then return nil end
  local status = redis.call('HGET', campaign, 'status')
  if status == 'running' or status == 'paused' then
    redis.call('HSET', campaign, 'status', 'completed', 'completedAt', now, 'updatedAt', now)
    redis.call('HDEL', campaign, 'pausedReason')
    return 'completed'
  end
  return nil
end
local function stop_check(campaign, counts, now)
  if redis.call('HGET', campaign, 'status') ~= 'running' then return nil end
  local failed = count(counts, 'failed')
  local maxFailed = tonumber(redis.call('HGET', campaign, 'stopFailed') or '-1')
  local ratio = tonumber(redis.call('HGET', campaign, 'stopRatio') or '-1')
  local minFinished = tonumber(redis.call('HGET', campaign, 'stopMin') or '10')
  local finished = failed + count(counts, 'released')
  local reason = nil
  if maxFailed >= 0 and failed > maxFailed then
    reason = 'stop rule: ' .. failed .. ' apps failed (more than ' .. maxFailed .. ')'
  elseif ratio >= 0 and finished >= minFinished and failed / finished > ratio then
    reason = 'stop rule: ' .. failed .. ' of ' .. finished .. ' finished apps failed (more than ' .. (ratio * 100) .. '%)'
  end
  if reason == nil then return nil end
  redis.call('HSET', campaign, 'status', 'paused', 'pausedReason', reason, 'updatedAt', now)
  return 'paused'
end
-- The first waiting apps that may take a freed audit slot, as appId, gen pairs.
local function wakeable(campaign, counts, waiting, quota, apps, out)
  if redis.call('ZCARD', waiting) == 0 then return end
  local free = 64
  local max = tonumber(redis.call('HGET', campaign, 'maxInFlight') or '0')
  if max > 0 then free = math.min(free, max - count(counts, 'submitting') - count(counts, 'auditing')) end
  local rest = redis.call('HGET', quota, 'rest')
  if rest then free = math.min(free, tonumber(rest)) end
  if free <= 0 then return end
  for _, id in ipairs(redis.call('ZRANGE', waiting, 0, free - 1)) do
    local raw = redis.call('HGET', apps, id)
    if raw then
      table.insert(out, id)
      table.insert(out, tostring(cjson.decode(raw).gen))
    end
  end
end
`;

/** KEYS campaign apps counts parked active waiting · ARGV appId gen token now campaignId → ok|stale|final|missing|parked|cancelled */
export const CLAIM = `${HELPERS}
local raw = redis.call('HGET', KEYS[2], ARGV[1])
if not raw then return { 'missing' } end
local app = cjson.decode(raw)
if tostring(app.gen) ~= ARGV[2] then return { 'stale' } end
local status = redis.call('HGET', KEYS[1], 'status')
if app.action == nil then
  if FINAL[app.state] then return { 'final' } end
  if status == 'cancelled' then
    move(KEYS[3], app.state, 'cancelled')
    app.state = 'cancelled'
    app.owner = nil
    app.waitingFor = nil
    app.hint = nil
    app.updatedAt = tonumber(ARGV[4])
    redis.call('HSET', KEYS[2], ARGV[1], cjson.encode(app))
    redis.call('ZREM', KEYS[6], ARGV[1])
    release_active(KEYS[5], ARGV[1], ARGV[5])
    return { 'cancelled' }
  end
  if status == 'paused' then
    redis.call('SADD', KEYS[4], ARGV[1])
    return { 'parked' }
  end
end
app.owner = ARGV[3]
redis.call('HSET', KEYS[2], ARGV[1], cjson.encode(app))
return { 'ok', cjson.encode(app), status }
`;

/**
 * KEYS campaign apps counts waiting active quota · ARGV appId gen token recordJson now campaignId mode consumedHint
 * consumedAction → { 'ok', flags, wake, appId, gen, … } | { 'wait', reason, position } | { 'lost' }
 */
export const TRANSITION = `${HELPERS}
local raw = redis.call('HGET', KEYS[2], ARGV[1])
if not raw then return { 'lost' } end
local app = cjson.decode(raw)
if tostring(app.gen) ~= ARGV[2] or app.owner ~= ARGV[3] then return { 'lost' } end
local now = tonumber(ARGV[5])
local new = cjson.decode(ARGV[4])
new.gen = app.gen
new.owner = app.owner
new.index = app.index
new.appId = app.appId
new.hints = app.hints
if app.hint and app.hint.n > tonumber(ARGV[8]) then new.hint = app.hint end
if app.action and app.action ~= ARGV[9] then new.action = app.action end
if ARGV[7] == 'acquire' then
  local reason = nil
  local rest = redis.call('HGET', KEYS[6], 'rest')
  if rest and tonumber(rest) <= 0 then reason = 'audit-quota' end
  local max = tonumber(redis.call('HGET', KEYS[1], 'maxInFlight') or '0')
  if reason == nil and max > 0 and count(KEYS[3], 'submitting') + count(KEYS[3], 'auditing') >= max then reason = 'audit-slot' end
  if reason then
    app.waitingFor = reason
    app.updatedAt = now
    redis.call('HSET', KEYS[2], ARGV[1], cjson.encode(app))
    redis.call('ZADD', KEYS[4], 'NX', app.index, ARGV[1])
    return { 'wait', reason, tostring(redis.call('ZRANK', KEYS[4], ARGV[1])) }
  end
  if rest then redis.call('HINCRBY', KEYS[6], 'rest', -1) end
end
local old = app.state
move(KEYS[3], old, new.state)
if new.state ~= 'waiting' then redis.call('ZREM', KEYS[4], ARGV[1]) end
if FINAL[new.state] then
  new.hint = nil
  if not FINAL[old] then release_active(KEYS[5], ARGV[1], ARGV[6]) end
end
new.updatedAt = now
redis.call('HSET', KEYS[2], ARGV[1], cjson.encode(new))
redis.call('HSET', KEYS[1], 'updatedAt', now)
local flags = {}
if new.state == 'failed' and old ~= 'failed' then
  local stopped = stop_check(KEYS[1], KEYS[3], now)
  if stopped then table.insert(flags, stopped) end
end
if FINAL[new.state] and not FINAL[old] then
  local completed = finished_check(KEYS[1], KEYS[3], now)
  if completed then table.insert(flags, completed) end
end
local out = { 'ok', table.concat(flags, ','), (new.hint ~= nil or new.action ~= nil) and '1' or '0' }
if (old == 'submitting' or old == 'auditing') and new.state ~= 'submitting' and new.state ~= 'auditing' then
  wakeable(KEYS[1], KEYS[3], KEYS[4], KEYS[6], KEYS[2], out)
end
return out
`;

/** KEYS campaign counts waiting quota apps · → { appId, gen, … } of waiting apps that may take a slot now. */
export const WAKEABLE = `${HELPERS}
local out = {}
wakeable(KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5], out)
return out
`;

/**
 * KEYS apps · ARGV appId event reason screenshot createTime → { 'ok', gen } | { 'ignored', state } | { 'old' }.
 * Keeps the newest audit push for an app being submitted or in review; older pushes (an earlier audit's result
 * delivered late) are ignored.
 */
export const HINT = `
local raw = redis.call('HGET', KEYS[1], ARGV[1])
if not raw then return { 'missing' } end
local app = cjson.decode(raw)
if app.state ~= 'auditing' and app.state ~= 'submitting' then return { 'ignored', app.state } end
local createTime = tonumber(ARGV[5])
local since = app.submittedAt or app.intentAt or 0
-- WeChat's CreateTime is in seconds; allow a few seconds of clock skew between WeChat and this platform.
if createTime * 1000 < since - 5000 then return { 'old' } end
if app.hint and app.hint.createTime > createTime then return { 'old' } end
app.hints = (app.hints or 0) + 1
local hint = { event = ARGV[2], createTime = createTime, n = app.hints }
-- A delay overtaken by the result before any step saw it is still worth telling.
if app.hint and app.hint.event == 'delay' and ARGV[2] ~= 'delay' then hint.delayed = app.hint.reason or '' end
if ARGV[3] ~= '' then hint.reason = ARGV[3] end
if ARGV[4] ~= '' then hint.screenshot = ARGV[4] end
app.hint = hint
redis.call('HSET', KEYS[1], ARGV[1], cjson.encode(app))
return { 'ok', tostring(app.gen) }
`;

/** KEYS campaign · ARGV reason now → { 'ok' } | { 'state', status } */
export const PAUSE = `
local status = redis.call('HGET', KEYS[1], 'status')
if status ~= 'running' then return { 'state', status or 'missing' } end
redis.call('HSET', KEYS[1], 'status', 'paused', 'pausedReason', ARGV[1], 'updatedAt', ARGV[2])
return { 'ok' }
`;

/** KEYS campaign apps parked · ARGV now → { 'ok', appId, gen, … } (parked apps to start again) | { 'state', status } */
export const RESUME = `
local status = redis.call('HGET', KEYS[1], 'status')
if status ~= 'paused' then return { 'state', status or 'missing' } end
redis.call('HSET', KEYS[1], 'status', 'running', 'updatedAt', ARGV[1])
redis.call('HDEL', KEYS[1], 'pausedReason')
local out = { 'ok' }
for _, id in ipairs(redis.call('SMEMBERS', KEYS[3])) do
  local raw = redis.call('HGET', KEYS[2], id)
  if raw then
    local app = cjson.decode(raw)
    app.gen = app.gen + 1
    app.owner = nil
    redis.call('HSET', KEYS[2], id, cjson.encode(app))
    table.insert(out, id)
    table.insert(out, tostring(app.gen))
  end
end
redis.call('DEL', KEYS[3])
return out
`;

/** KEYS campaign apps counts parked active waiting · ARGV now campaignId → { 'ok' } | { 'state', status }. Parked apps are cancelled here; the others at their next step. */
export const CANCEL = `${HELPERS}
local status = redis.call('HGET', KEYS[1], 'status')
if status ~= 'running' and status ~= 'paused' then return { 'state', status or 'missing' } end
redis.call('HSET', KEYS[1], 'status', 'cancelled', 'updatedAt', ARGV[1])
redis.call('HDEL', KEYS[1], 'pausedReason')
for _, id in ipairs(redis.call('SMEMBERS', KEYS[4])) do
  local raw = redis.call('HGET', KEYS[2], id)
  if raw then
    local app = cjson.decode(raw)
    if not FINAL[app.state] then
      move(KEYS[3], app.state, 'cancelled')
      app.state = 'cancelled'
      app.gen = app.gen + 1
      app.owner = nil
      app.waitingFor = nil
      app.hint = nil
      app.updatedAt = tonumber(ARGV[1])
      redis.call('HSET', KEYS[2], id, cjson.encode(app))
      redis.call('ZREM', KEYS[6], id)
      release_active(KEYS[5], id, ARGV[2])
    end
  end
end
redis.call('DEL', KEYS[4])
return { 'ok' }
`;

/**
 * KEYS campaign apps counts parked active waiting · ARGV action now campaignId appId… → triples appId, spawn|wake|skip,
 * gen|reason. `spawn`: the app has no job (final or parked) and needs a new one with this gen; `wake`: its job
 * exists and should run now.
 */
export const REQUEST = `${HELPERS}
local action = ARGV[1]
local now = tonumber(ARGV[2])
local campaignId = ARGV[3]
local status = redis.call('HGET', KEYS[1], 'status')
local out = {}
local reopened = false
local function answer(id, kind, detail)
  table.insert(out, id)
  table.insert(out, kind)
  table.insert(out, detail)
end
local function spawn(id, app)
  app.gen = app.gen + 1
  app.owner = nil
  redis.call('SREM', KEYS[4], id)
  return tostring(app.gen)
end
for i = 4, #ARGV do
  local id = ARGV[i]
  local raw = redis.call('HGET', KEYS[2], id)
  if not raw then
    answer(id, 'skip', 'not in this campaign')
  else
    local app = cjson.decode(raw)
    local parked = redis.call('SISMEMBER', KEYS[4], id) == 1
    local holder = redis.call('HGET', KEYS[5], id)
    if action == 'retry' then
      if status == 'cancelled' then
        answer(id, 'skip', 'the campaign is cancelled')
      elseif not FINAL[app.state] or app.state == 'released' then
        answer(id, 'skip', app.state)
      elseif holder and holder ~= campaignId then
        answer(id, 'skip', 'in campaign ' .. holder)
      else
        redis.call('HSET', KEYS[5], id, campaignId)
        move(KEYS[3], app.state, 'queued')
        local fresh = { appId = app.appId, index = app.index, state = 'queued', gen = app.gen, hints = app.hints, updatedAt = now }
        answer(id, 'spawn', spawn(id, fresh))
        redis.call('HSET', KEYS[2], id, cjson.encode(fresh))
        reopened = true
      end
    elseif action == 'withdraw' then
      if FINAL[app.state] then
        answer(id, 'skip', app.state)
      elseif app.action ~= nil then
        answer(id, 'skip', app.action .. ' already asked for')
      else
        app.action = 'withdraw'
        if parked then answer(id, 'spawn', spawn(id, app)) else answer(id, 'wake', tostring(app.gen)) end
        redis.call('HSET', KEYS[2], id, cjson.encode(app))
      end
    elseif action == 'rollback' then
      if app.state ~= 'released' and app.state ~= 'releasing' then
        answer(id, 'skip', app.state)
      elseif app.action ~= nil then
        answer(id, 'skip', app.action .. ' already asked for')
      elseif app.state == 'released' and holder and holder ~= campaignId then
        answer(id, 'skip', 'in campaign ' .. holder)
      else
        app.action = 'rollback'
        if parked or app.state == 'released' then answer(id, 'spawn', spawn(id, app)) else answer(id, 'wake', tostring(app.gen)) end
        redis.call('HSET', KEYS[2], id, cjson.encode(app))
      end
    else
      answer(id, 'skip', 'unknown action')
    end
  end
end
if reopened and status == 'completed' then
  redis.call('HSET', KEYS[1], 'status', 'running', 'updatedAt', now)
  redis.call('HDEL', KEYS[1], 'completedAt')
end
return out
`;

/**
 * KEYS campaign apps counts active · ARGV campaignId now appId… → for each app 1 (enrolled) or the id of the campaign
 * that already holds it (the app is failed in this one: a mini program is released by one campaign at a time).
 */
export const ENROLL = `${HELPERS}
local now = tonumber(ARGV[2])
local out = {}
for i = 3, #ARGV do
  local id = ARGV[i]
  local raw = redis.call('HGET', KEYS[2], id)
  local app = cjson.decode(raw)
  if redis.call('HSETNX', KEYS[4], id, ARGV[1]) == 1 then
    table.insert(out, '1')
  else
    local holder = redis.call('HGET', KEYS[4], id)
    app.state = 'failed'
    app.error = { reason = 'already being released by campaign ' .. holder, step = 'start' }
    app.updatedAt = now
    redis.call('HSET', KEYS[2], id, cjson.encode(app))
    redis.call('HINCRBY', KEYS[3], 'queued', -1)
    redis.call('HINCRBY', KEYS[3], 'failed', 1)
    table.insert(out, holder)
  end
end
finished_check(KEYS[1], KEYS[3], now)
return out
`;
