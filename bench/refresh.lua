-- wrk script: each thread rotates its own session's refresh token chain.
-- REFRESH_TOKENS names a file with one refresh token per thread; at the end each thread's last
-- token is written back to it, so that a second run follows the same chains.
local tokens = {}
for line in io.lines(os.getenv("REFRESH_TOKENS")) do tokens[#tokens + 1] = line end
local counter = 0
local threads = {}
function setup(thread)
  counter = counter + 1
  assert(tokens[counter], "no refresh token for wrk thread " .. counter)
  thread:set("token", tokens[counter])
  table.insert(threads, thread)
end
function request()
  return wrk.format("POST", "/api/v1/auth/token/refresh", {["Content-Type"] = "application/json"},
    '{"refresh_token":"' .. token .. '"}')
end
function response(status, headers, body)
  local next_token = string.match(body, '"refresh_token":"([^"]+)"')
  if next_token then token = next_token end
end
function done(summary, latency, requests)
  local f = io.open(os.getenv("REFRESH_TOKENS"), "w")
  for _, t in ipairs(threads) do f:write(t:get("token") .. "\n") end
  f:close()
end
