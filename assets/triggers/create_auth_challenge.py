"""Create auth challenge trigger for the cognito-workshop "quiz" sign-in.

Cognito calls this whenever the define trigger asks for a CUSTOM_CHALLENGE.
It builds the challenge the user must answer:
  * `publicChallengeParameters` go back to the client in the
    InitiateAuth / RespondToAuthChallenge response (the question and a hint);
  * `privateChallengeParameters` stay inside Cognito and reach only the
    verify trigger (the expected answer);
  * `challengeMetadata` names the round in the session history.

A real app would e-mail or text a one-time code here; the sandbox asks a
question about the workshop instead, so no mail server is needed.
"""

QUESTION = "Which custom attribute does this workshop add to the ID token?"
HINT = "Four letters; every workshop user has one: admin, instructor or student."
ANSWER = "role"
MAX_ATTEMPTS = 3


def handler(event, context):
    request = event.get("request") or {}
    session = request.get("session") or []

    # Rounds already answered in this sign-in (the new round is not listed yet).
    answered = sum(1 for r in session if r.get("challengeName") == "CUSTOM_CHALLENGE")
    attempt = answered + 1

    event["response"] = {
        # Challenge parameters are string maps: everything is a string.
        "publicChallengeParameters": {
            "question": QUESTION,
            "hint": HINT,
            "attempt": str(attempt),
            "attemptsLeft": str(MAX_ATTEMPTS - answered),
        },
        "privateChallengeParameters": {"answer": ANSWER},
        "challengeMetadata": f"WORKSHOP_QUIZ_{attempt}",
    }
    return event
