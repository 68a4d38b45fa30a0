-- wrk script for scripts/load/run.sh: POSTs the signed GitHub push in $PAYLOAD with the signature in $SIGNATURE.
-- $MODE: unique   a new X-GitHub-Delivery on every request (each one is a new delivery, queued and processed);
--                 ids are "$RUN-thread-counter", so give each run its own $RUN
--        same     one X-GitHub-Delivery for all (after the first, every answer is "duplicate")
-- At the end it prints KEY=VALUE lines: requests per second, latency percentiles, and answers counted by status.

dofile(os.getenv("SUMMARY_LUA") or "scripts/load/summary.lua")

local threads = {}
local next_thread = 0

function setup(thread)
  next_thread = next_thread + 1
  thread:set("tid", next_thread)
  table.insert(threads, thread)
end

function init(args)
  local file = assert(io.open(os.getenv("PAYLOAD"), "rb"))
  wrk.body = file:read("*a")
  file:close()
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["X-GitHub-Event"] = "push"
  wrk.headers["X-Hub-Signature-256"] = os.getenv("SIGNATURE")
  mode = os.getenv("MODE") or "unique"
  run = os.getenv("RUN") or "run"
  counter = 0
  statuses = {}
  if mode ~= "unique" then
    wrk.headers["X-GitHub-Delivery"] = "5f1b7c2e-0000-4000-8000-000000000001"
  end
end

function request()
  if mode == "unique" then
    counter = counter + 1
    wrk.headers["X-GitHub-Delivery"] = string.format("%s-%d-%d", run, tid, counter)
  end
  return wrk.format()
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  summarize(threads, summary, latency)
end
