#!/usr/bin/env python3
"""Known-answer SRP vectors from pycognito (writes tests/fixtures/srp/pycognito.json).

Drives pycognito's real AWSSRP.authenticate_user() against a fake boto3 client
(no network), with its random small-a generator and its timestamp helper
monkeypatched to the fixed values from cases.json, and records exactly what the
library sends (SRP_A, PASSWORD_CLAIM_SIGNATURE) plus u and the HKDF key.

Also writes tests/fixtures/secret_hash.json using both pycognito's
get_secret_hash and a plain hmac/hashlib computation (asserted equal).
"""

import base64
import hashlib
import hmac
import importlib.metadata
import json
import os
import sys

from pycognito import aws_srp
from pycognito.aws_srp import AWSSRP

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.normpath(os.path.join(HERE, "..", ".."))
CLIENT_ID = "3n4b5urk1ft4fl3mg5e62d9ado"


class FakeCognito:
    """Stands in for the boto3 cognito-idp client."""

    def __init__(self, case):
        self.case = case
        self.initiate = None
        self.respond = None

    def initiate_auth(self, **kwargs):
        self.initiate = kwargs
        c = self.case
        return {
            "ChallengeName": "PASSWORD_VERIFIER",
            "ChallengeParameters": {
                "USERNAME": c["user_id_for_srp"],
                "USER_ID_FOR_SRP": c["user_id_for_srp"],
                "SALT": c["salt_hex"],
                "SRP_B": c["srp_b_hex"],
                "SECRET_BLOCK": c["secret_block_b64"],
            },
            "Session": "fixture-session",
        }

    def respond_to_auth_challenge(self, **kwargs):
        self.respond = kwargs
        return {"AuthenticationResult": {}}


def run_case(case):
    captured = {}
    a_value = int(case["a_hex"], 16)

    orig_calculate_u = aws_srp.calculate_u
    orig_key = AWSSRP.get_password_authentication_key

    def fixed_small_a(self):
        return a_value % self.big_n  # same reduction the library applies

    def capture_u(big_a, big_b):
        u = orig_calculate_u(big_a, big_b)
        captured["u"] = u
        return u

    def capture_key(self, *args, **kwargs):
        key = orig_key(self, *args, **kwargs)
        captured["key"] = bytes(key)
        return key

    AWSSRP.generate_random_small_a = fixed_small_a
    AWSSRP.get_cognito_formatted_timestamp = staticmethod(lambda _dt: case["timestamp"])
    AWSSRP.get_password_authentication_key = capture_key
    aws_srp.calculate_u = capture_u
    try:
        fake = FakeCognito(case)
        srp = AWSSRP(
            username=case["username"],
            password=case["password"],
            pool_id=case["pool_id"],
            client_id=CLIENT_ID,
            client=fake,
        )
        srp.authenticate_user()
    finally:
        aws_srp.calculate_u = orig_calculate_u
        AWSSRP.get_password_authentication_key = orig_key

    params = fake.initiate["AuthParameters"]
    responses = fake.respond["ChallengeResponses"]
    assert srp.small_a_value == a_value
    assert responses["TIMESTAMP"] == case["timestamp"]
    assert responses["PASSWORD_CLAIM_SECRET_BLOCK"] == case["secret_block_b64"]
    if captured["key"].hex() != case["server_key_hex"]:
        sys.exit(f"{case['name']}: pycognito key disagrees with the server-side key")
    return {
        "name": case["name"],
        "description": case["description"],
        "pool_id": case["pool_id"],
        "username": case["username"],
        "user_id_for_srp": case["user_id_for_srp"],
        "password": case["password"],
        "a_hex": case["a_hex"],
        "salt_hex": case["salt_hex"],
        "srp_b_hex": case["srp_b_hex"],
        "secret_block_b64": case["secret_block_b64"],
        "timestamp": case["timestamp"],
        "expected": {
            "srp_a_hex": params["SRP_A"],
            "u_hex": f"{captured['u']:064x}",
            "key_hex": captured["key"].hex(),
            "signature_b64": responses["PASSWORD_CLAIM_SIGNATURE"],
        },
    }


SECRET_HASH_CASES = [
    ("alice", "3n4b5urk1ft4fl3mg5e62d9ado", "1s4mpl3cl13nts3cr3tv4lu3f0rt3st1ngpurp0s3sxyz0abcd"),
    ("bob@example.com", "7gkr0c1pt5h2e9fd0c2l1ns8qm", "c1i3nt-s3cr3t+with/slash=="),
    ("3f6c1a2e-9b4d-4c7e-8a10-5d2f7e9c0b61", "abcdefghijklmnopqrstuvwxyz", "x"),
    ("j\u00fcrgen.m\u00fcller", "12345abcde12345abcde12345a", "s\u00e9cr\u00e9t \u2713"),
    ("", "onlyclientid0000000000000000", "secret"),
]


def secret_hash_vectors():
    out = []
    for username, client_id, secret in SECRET_HASH_CASES:
        lib = AWSSRP.get_secret_hash(username, client_id, secret)
        plain = base64.b64encode(
            hmac.new(
                secret.encode("utf-8"), (username + client_id).encode("utf-8"), hashlib.sha256
            ).digest()
        ).decode()
        assert lib == plain, (username, lib, plain)
        out.append(
            {
                "username": username,
                "client_id": client_id,
                "client_secret": secret,
                "secret_hash": plain,
            }
        )
    return out


def write_json(rel, data):
    path = os.path.join(REPO, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        json.dump(data, f, indent=2, ensure_ascii=False)
        f.write("\n")
    print("wrote", rel)


def main():
    with open(os.path.join(HERE, "cases.json"), encoding="utf-8") as f:
        cases = json.load(f)
    version = importlib.metadata.version("pycognito")
    write_json(
        "tests/fixtures/srp/pycognito.json",
        {
            "generator": "scripts/srp-vectors/gen_py.py",
            "library": f"pycognito {version}",
            "k_hex": aws_srp.hex_hash("00" + aws_srp.N_HEX + "02"),
            "cases": [run_case(c) for c in cases["cases"]],
        },
    )
    write_json(
        "tests/fixtures/secret_hash.json",
        {
            "generator": "scripts/srp-vectors/gen_py.py",
            "comment": "SECRET_HASH = Base64(HMAC-SHA256(key = UTF-8 client secret, "
            "msg = UTF-8 username + client id)); pycognito "
            f"{version} get_secret_hash and python hmac agree on each",
            "cases": secret_hash_vectors(),
        },
    )


if __name__ == "__main__":
    main()
