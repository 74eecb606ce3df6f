-- Argo CD health of Stackpilot's ServiceStack, MediaService, SecurityService and MonitoringService
-- (group stackpilot.io), read from the kstatus conditions the operator writes:
--   Healthy      Ready=True: the desired revision is live and healthy (for a stack: every member).
--   Degraded     Stalled=True: it cannot get there without a human (rolled back, out of restarts,
--                invalid spec, nothing healthy to go back to).
--   Progressing  anything else, and while the status still describes an older generation.
-- Register it in argocd-cm: see argocd-cm-patch.yaml beside this file.
local hs = {}

if obj.status == nil then
  hs.status = "Progressing"
  hs.message = "Waiting for Stackpilot to report a status"
  return hs
end

if obj.metadata ~= nil and obj.metadata.generation ~= nil and obj.status.observedGeneration ~= nil
    and obj.status.observedGeneration < obj.metadata.generation then
  hs.status = "Progressing"
  hs.message = "Waiting for Stackpilot to act on generation " .. obj.metadata.generation
  return hs
end

local ready = nil
local stalled = nil
if obj.status.conditions ~= nil then
  for _, condition in ipairs(obj.status.conditions) do
    if condition.type == "Ready" then
      ready = condition
    elseif condition.type == "Stalled" then
      stalled = condition
    end
  end
end

local function describe(condition)
  if condition == nil then
    return ""
  end
  local text = condition.reason or ""
  if condition.message ~= nil and condition.message ~= "" then
    if text ~= "" then
      text = text .. ": "
    end
    text = text .. condition.message
  end
  return text
end

if ready ~= nil and ready.status == "True" then
  hs.status = "Healthy"
  hs.message = describe(ready)
elseif stalled ~= nil and stalled.status == "True" then
  hs.status = "Degraded"
  hs.message = describe(stalled)
else
  hs.status = "Progressing"
  if ready ~= nil then
    hs.message = describe(ready)
  else
    hs.message = "Waiting for the Ready condition"
  end
end
return hs
