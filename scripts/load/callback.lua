-- wrk script for "scripts/load/run.sh callback": POSTs the report $BODY to the callback paths in $PATHS (one a line,
-- written by "Benchmarks -- callback-jobs"); wrk's URL gives only the host and port.
-- $MODE: cycle   each thread goes round the whole list from its own offset until wrk's time is up
--        once    thread k of $THREADS takes paths k, k + THREADS, ... once each, then stops; the few requests its
--                other connections send after the last path repeat that path (counted in STATUSES)
-- At the end it prints KEY=VALUE lines as post.lua does; in "once" mode also ONCE_SECONDS, from the first thread's
-- start to the last thread's last answer (wrk itself always runs for its whole -d), and ONCE_RPS.

dofile(os.getenv("SUMMARY_LUA") or "scripts/load/summary.lua")

local threads = {}
local next_thread = 0

function setup(thread)
  next_thread = next_thread + 1
  thread:set("tid", next_thread)
  table.insert(threads, thread)
end

function init(args)
  local all = {}
  for line in io.lines(os.getenv("PATHS")) do
    if line ~= "" then table.insert(all, line) end
  end
  mode = os.getenv("MODE") or "cycle"
  local count = tonumber(os.getenv("THREADS") or "1")
  paths = {}
  if mode == "once" then
    for i = tid, #all, count do table.insert(paths, all[i]) end
  else
    paths = all
  end
  wrk.method = "POST"
  wrk.body = os.getenv("BODY")
  wrk.headers["Content-Type"] = "application/json"
  position = mode == "once" and 0 or math.floor((tid - 1) * #paths / count)
  -- wrk calls the first thread's request() once before the run, to check it, and sends nothing: skip that call.
  if mode == "once" and tid == 1 then position = -1 end
  answered = 0
  statuses = {}
  if mode == "once" then began = now() end
end

-- Wall-clock seconds: wrk's Lua has no clock finer than os.time(); called twice per thread, in "once" mode only.
function now()
  local pipe = io.popen("date +%s.%N")
  local value = tonumber(pipe:read("*l"))
  pipe:close()
  return value
end

function request()
  if mode == "once" then
    position = math.min(position + 1, #paths)
    if position < 1 then return wrk.format() end
  else
    position = position % #paths + 1
  end
  return wrk.format(nil, paths[position])
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
  answered = answered + 1
  if mode == "once" and answered == #paths then
    finished = now()
    wrk.thread:stop()
  end
end

function done(summary, latency, requests)
  summarize(threads, summary, latency, function()
    local first, last = nil, nil
    for _, thread in ipairs(threads) do
      local b, f = thread:get("began"), thread:get("finished")
      if b and (not first or b < first) then first = b end
      if f and (not last or f > last) then last = f end
    end
    if first and last then
      io.write(string.format("ONCE_SECONDS=%.2f\n", last - first))
      io.write(string.format("ONCE_RPS=%.1f\n", summary.requests / (last - first)))
    end
  end)
end
