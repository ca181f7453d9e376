-- wrk script for `npm run bench` (scripts/bench.ts): requests the paths listed one a line in the
-- file named by the first script argument, in a random order (each path once per pass, reshuffled
-- each pass, same seed every run), and prints the summary as one JSON line for bench.ts to read.
--   wrk -t1 -c32 -d10s -s scripts/bench-pages.lua http://127.0.0.1:3000 -- paths.txt [seed]
-- Header lines given with -H (Accept-Encoding) are sent with every request.

local paths = {}
local order = {}
local position = 0

local function shuffle()
  for i = #order, 2, -1 do
    local j = math.random(i)
    order[i], order[j] = order[j], order[i]
  end
end

function init(args)
  local file = assert(io.open(args[1], "r"), "bench-pages.lua: no paths file " .. tostring(args[1]))
  for line in file:lines() do
    if line ~= "" then
      paths[#paths + 1] = line
      order[#order + 1] = #paths
    end
  end
  file:close()
  assert(#paths > 0, "bench-pages.lua: the paths file is empty")
  math.randomseed(tonumber(args[2] or "13"))
  shuffle()
end

function request()
  position = position + 1
  if position > #order then
    position = 1
    shuffle()
  end
  return wrk.format("GET", paths[order[position]])
end

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local e = summary.errors
  io.write(string.format(
    '{"requests":%d,"seconds":%.3f,"rate":%.1f,"bytes":%d,"p50":%.3f,"p90":%.3f,"p99":%.3f,"max":%.3f,' ..
    '"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d}}\n',
    summary.requests, seconds, summary.requests / seconds, summary.bytes,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    e.connect, e.read, e.write, e.status, e.timeout))
end
