-- POST /api/v1/checks with a new recipient on every request (KIND=email|call).
local kind = os.getenv("KIND") or "email"
local key = os.getenv("KEY")
local counter = 0
local thread_id = 0
local threads = {}

function setup(thread)
  thread:set("tid", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  thread_id = tid
end

request = function()
  counter = counter + 1
  local body
  if kind == "call" then
    body = string.format('{"channel":"CALL","phone":"+1212%03d%04d","purpose":"INFORMATIONAL","dialer":"MANUAL","at":"2026-12-07T16:00:00Z"}',
      200 + (thread_id % 700), counter % 10000)
  elseif kind == "send" then
    body = string.format('{"to":"s%d-%d@example.us","template":"presentation-summary","data":{"firstName":"Ann","company":"Globex","repName":"Bob"}}',
      thread_id, counter)
  else
    body = string.format('{"channel":"EMAIL","email":"c%d-%d@example.us","purpose":"COMMERCIAL"}', thread_id, counter)
  end
  local path = kind == "send" and "/api/v1/emails" or "/api/v1/checks"
  return wrk.format("POST", path, {["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. key}, body)
end

done = function(summary, latency, requests)
  local codes = {}
  io.write(string.format("latency p50=%.2fms p90=%.2fms p99=%.2fms max=%.2fms\n",
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
