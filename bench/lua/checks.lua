-- POST /api/v1/checks with a new recipient on every request (KIND=email|call), or POST /api/v1/emails
-- (KIND=send). RUN names the wrk run: recipients of one run are never those of another (a warm-up
-- run's sends would otherwise make every measured send a duplicate, blocked with 200 instead of 202).
local kind = os.getenv("KIND") or "email"
local key = os.getenv("KEY")
local run = os.getenv("RUN") or "run"
-- Sends answered with anything but 202 (queued): blocked or failed, counted by done().
not_queued = 0
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
    body = string.format('{"to":"s%s-%d-%d@example.us","template":"presentation-summary","data":{"firstName":"Ann","company":"Globex","repName":"Bob"}}',
      run, thread_id, counter)
  else
    body = string.format('{"channel":"EMAIL","email":"c%s-%d-%d@example.us","purpose":"COMMERCIAL"}', run, thread_id, counter)
  end
  local path = kind == "send" and "/api/v1/emails" or "/api/v1/checks"
  return wrk.format("POST", path, {["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. key}, body)
end

if kind == "send" then
  response = function(status, headers, body)
    if status ~= 202 then not_queued = not_queued + 1 end
  end
end

done = function(summary, latency, requests)
  if kind == "send" then
    local total = 0
    for _, t in ipairs(threads) do total = total + t:get("not_queued") end
    io.write(string.format("sends not queued (answered other than 202): %d\n", total))
  end
  io.write(string.format("latency p50=%.2fms p90=%.2fms p99=%.2fms max=%.2fms\n",
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
