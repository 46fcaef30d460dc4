"""Pre token generation trigger (V1_0 event) for the cognito-workshop sandbox.

Cognito calls this just before it signs the ID token, on every sign-in,
on a refresh and after a NEW_PASSWORD_REQUIRED answer. The V1 event can
change only the ID token, through `response.claimsOverrideDetails`.

What it does: copies the user's `custom:role` attribute into a plain `role`
claim (so an API can authorize on `role` without knowing about custom
attributes), and adds two demo claims, `workshop:groups` and
`workshop:trigger`, so you can see in a decoded token that the trigger ran
and why.
"""

# A user without a role attribute gets the least privileged role.
DEFAULT_ROLE = "student"


def handler(event, context):
    request = event.get("request") or {}
    attributes = request.get("userAttributes") or {}
    groups = (request.get("groupConfiguration") or {}).get("groupsToOverride") or []

    role = attributes.get("custom:role") or DEFAULT_ROLE

    # V1 claim values must be strings, so the group list is comma-joined.
    # (The token also carries the real `cognito:groups` array; it is kept.)
    claims = {
        "role": role,
        "workshop:groups": ",".join(groups),
        # e.g. TokenGeneration_Authentication, TokenGeneration_RefreshTokens
        "workshop:trigger": event.get("triggerSource", ""),
    }

    event["response"] = {
        "claimsOverrideDetails": {
            "claimsToAddOrOverride": claims,
            # Nothing is removed; list claim names here to hide them.
            "claimsToSuppress": [],
        }
    }
    # A trigger hands the whole event back, with its answer in `response`.
    return event
