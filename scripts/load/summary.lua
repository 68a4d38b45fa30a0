-- The summary both wrk scripts of scripts/load print at the end (post.lua and callback.lua load it with dofile):
-- KEY=VALUE lines of the run's length, requests, requests per second, latency percentiles, answers counted by status
-- across threads (each thread keeps its own "statuses" table) and socket errors.
-- summarize(threads, summary, latency, extra): extra(counts) may write more lines before SOCKET_ERRORS.
function summarize(threads, summary, latency, extra)
  local seconds = summary.duration / 1e6
  local counts = {}
  for _, thread in ipairs(threads) do
    for status, count in pairs(thread:get("statuses")) do
      counts[status] = (counts[status] or 0) + count
    end
  end
  local parts = {}
  for status, count in pairs(counts) do
    table.insert(parts, string.format("%d:%d", status, count))
  end
  table.sort(parts)
  local errors = summary.errors
  io.write(string.format("SECONDS=%.1f\n", seconds))
  io.write(string.format("REQUESTS=%d\n", summary.requests))
  io.write(string.format("RPS=%.1f\n", summary.requests / seconds))
  io.write(string.format("P50_MS=%.2f\n", latency:percentile(50) / 1000))
  io.write(string.format("P99_MS=%.2f\n", latency:percentile(99) / 1000))
  io.write(string.format("P999_MS=%.2f\n", latency:percentile(99.9) / 1000))
  io.write(string.format("MAX_MS=%.2f\n", latency.max / 1000))
  io.write(string.format("STATUSES=%s\n", table.concat(parts, ",")))
  for status, count in pairs(counts) do
    io.write(string.format("PER_SECOND_%d=%.1f\n", status, count / seconds))
  end
  if extra then extra() end
  io.write(string.format("SOCKET_ERRORS=%d\n", errors.connect + errors.read + errors.write + errors.timeout))
end
