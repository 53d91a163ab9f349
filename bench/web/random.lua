-- bench/web/random.lua - for wrk: each request asks for a path picked at random from a file
-- (one path a line), and the run ends with one machine-readable line:
--     RESULT <req/s> <p50 ms> <p95 ms> <p99 ms> <non-2xx/3xx responses> <socket errors>
-- Usage: wrk -t2 -c64 -d5s -s bench/web/random.lua http://127.0.0.1:PORT -- PATHS_FILE
-- Headers given with -H (Accept-Encoding, Connection: close, ...) go on every request.
local paths = {}
local threads = 0

function setup(thread)
    threads = threads + 1
    thread:set("seed", threads)
end

function init(args)
    for line in io.lines(args[1]) do
        paths[#paths + 1] = line
    end
    if #paths == 0 then
        error("no paths in " .. args[1])
    end
    math.randomseed(seed * 7919 + os.time())
end

function request()
    return wrk.format(nil, paths[math.random(#paths)])
end

function done(summary, latency, requests)
    local e = summary.errors
    io.write(string.format("RESULT %.0f %.3f %.3f %.3f %d %d\n",
        summary.requests / (summary.duration / 1e6),
        latency:percentile(50) / 1000, latency:percentile(95) / 1000,
        latency:percentile(99) / 1000, e.status, e.connect + e.read + e.write + e.timeout))
end
