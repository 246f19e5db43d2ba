-- wrk script for bench/webhook.py: POST pre-signed Twilio forms, one line per request ("signature<TAB>body").
-- Threads take every n-th line from the given offset, so no MessageSid is sent twice (a repeat would take the
-- cheap duplicate path); bench/webhook.py moves the offset on after each run.
local counter = 0
local lines, idx, step, path = {}, 1, 1, "/"

function setup(thread)
  thread:set("tid", counter)
  counter = counter + 1
end

function init(args)
  path, step = args[2], tonumber(args[3])
  for line in io.lines(args[1]) do lines[#lines + 1] = line end
  idx = (tonumber(args[4]) or 0) + tid + 1
  if idx > #lines then idx = ((idx - 1) % #lines) + 1 end
end

function request()
  local sig, body = lines[idx]:match("([^\t]*)\t(.*)")
  idx = idx + step
  if idx > #lines then idx = ((idx - 1) % #lines) + 1 end
  return wrk.format("POST", path, {["Content-Type"] = "application/x-www-form-urlencoded",
                                   ["X-Twilio-Signature"] = sig}, body)
end
