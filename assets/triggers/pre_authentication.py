"""Pre authentication trigger for a cognito-workshop pool.

Cognito calls this after it has found the user and before it checks the
password (every password flow, and CUSTOM_AUTH). Raising an exception refuses
the sign-in: the client gets UserLambdaValidationException with the message
"PreAuthentication failed with error <the exception's message>." — the
diagnosis of `cognito-tui auth --explain` and of the runner names this
function and quotes that message.

What it does: refuses a user whose `custom:role` is `suspended`. No seeded user
is suspended; to see a refusal, set a user's `custom:role` to `suspended` (the
attributes pane, `a` on a user) and sign in as that user.

It is attached in workshop.json, but the pinned local emulator, ministack
1.5.33, stores this trigger without calling it; on AWS it runs.
"""

SUSPENDED_ROLE = "suspended"


def handler(event, context):
    request = event.get("request") or {}
    attributes = request.get("userAttributes") or {}
    if attributes.get("custom:role") == SUSPENDED_ROLE:
        raise Exception(f"{event.get('userName')} is suspended from the workshop")
    return event
