"""Verify auth challenge response trigger for the cognito-workshop "quiz".

Cognito calls this when the client answers a CUSTOM_CHALLENGE with
RespondToAuthChallenge (ChallengeResponses: USERNAME, ANSWER). It compares
the answer with the expected one the create trigger stored in
`privateChallengeParameters`, and reports `answerCorrect`. Cognito then
calls the define trigger again, which decides what happens next.
"""


def normalize(text):
    """Forgive case, spaces and the `custom:` prefix: `Custom:Role ` is right too."""
    text = (text or "").strip().lower()
    if text.startswith("custom:"):
        text = text[len("custom:"):]
    return text


def handler(event, context):
    request = event.get("request") or {}
    expected = (request.get("privateChallengeParameters") or {}).get("answer")
    given = request.get("challengeAnswer")

    event["response"] = {
        "answerCorrect": expected is not None and normalize(given) == normalize(expected),
    }
    return event
