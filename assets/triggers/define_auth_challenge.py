"""Define auth challenge trigger for the cognito-workshop "quiz" sign-in.

Cognito calls this at the start of a CUSTOM_AUTH sign-in and again after
every answered challenge. It reads the history of the sign-in so far
(`request.session`, one entry per finished round) and decides what comes
next: another challenge, tokens, or failure.

The rules of the quiz:
  * CUSTOM_AUTH with SRP first (the client sent SRP_A and
    CHALLENGE_NAME=SRP_A): ask Cognito for the password proof
    (PASSWORD_VERIFIER) before the quiz.
  * A wrong password ends the sign-in.
  * Then one CUSTOM_CHALLENGE (the quiz question) per round.
  * A correct answer issues tokens; the third wrong answer fails the sign-in.
"""

MAX_WRONG_ANSWERS = 3


def handler(event, context):
    request = event.get("request") or {}
    session = request.get("session") or []
    response = event.setdefault("response", {})
    response.update({"challengeName": None, "issueTokens": False, "failAuthentication": False})

    def fail():
        response["failAuthentication"] = True
        return event

    def ask(challenge_name):
        response["challengeName"] = challenge_name
        return event

    # Never tell an unknown user apart from a wrong answer: just fail.
    if request.get("userNotFound"):
        return fail()

    # SRP first: the only round so far is SRP_A, so verify the password next.
    if len(session) == 1 and session[0].get("challengeName") == "SRP_A":
        return ask("PASSWORD_VERIFIER")

    # The password proof came back wrong.
    if any(r.get("challengeName") == "PASSWORD_VERIFIER" and r.get("challengeResult") is False
           for r in session):
        return fail()

    quiz_rounds = [r for r in session if r.get("challengeName") == "CUSTOM_CHALLENGE"]

    # The last quiz answer was right: sign the user in.
    if quiz_rounds and quiz_rounds[-1].get("challengeResult") is True:
        response["issueTokens"] = True
        return event

    wrong = sum(1 for r in quiz_rounds if r.get("challengeResult") is False)
    if wrong >= MAX_WRONG_ANSWERS:
        return fail()

    # First question, or another try after a wrong answer.
    return ask("CUSTOM_CHALLENGE")
