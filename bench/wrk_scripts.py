"""Lua scripts for wrk: each prints one JSON line of results when the run is done."""

DONE = r'''
local threads = {}
setup = function(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end
done = function(summary, latency, requests)
  local empty = 0
  for _, t in ipairs(threads) do empty = empty + (t:get("empty") or 0) end
  local e = summary.errors
  io.write(string.format(
    'RESULT {"requests": %d, "duration_us": %d, "connect_errors": %d, "read_errors": %d, ' ..
    '"write_errors": %d, "status_errors": %d, "timeouts": %d, "empty": %d, ' ..
    '"p50_us": %d, "p90_us": %d, "p99_us": %d, "max_us": %d}\n',
    summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout, empty,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max))
end
'''

HEALTH = DONE + r'''
init = function(args)
  close = args[1] == "close"
  headers = {}
  if close then headers["Connection"] = "close" end
  req = wrk.format("GET", "/api/v1/health", headers)
end
request = function() return req end
'''

ISSUE = DONE + r'''
init = function(args)
  close = args[1] == "close"
  token = args[2]
  run = args[3]
  fields = {"HT", "CT", "HKD", "BTXH", "CTRU"}
  n = 0
end
request = function()
  n = n + 1
  local headers = {["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. token,
                   ["Idempotency-Key"] = run .. "-" .. id .. "-" .. n}
  if close then headers["Connection"] = "close" end
  local field = fields[(n % #fields) + 1]
  return wrk.format("POST", "/api/v1/tickets", headers, '{"field": "' .. field .. '"}')
end
'''

CALL_NEXT = DONE + r'''
init = function(args)
  close = args[1] == "close"
  token = args[2]
  counters = {}
  for c in string.gmatch(args[3], "[^,]+") do table.insert(counters, c) end
  n = 0
  empty = 0
end
request = function()
  n = n + 1
  local headers = {["Authorization"] = "Bearer " .. token}
  if close then headers["Connection"] = "close" end
  local counter = counters[((n + id) % #counters) + 1]
  return wrk.format("POST", "/api/v1/counters/" .. counter .. "/next", headers)
end
response = function(status, headers, body)
  if status == 204 then empty = empty + 1 end
end
'''
