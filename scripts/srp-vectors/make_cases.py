#!/usr/bin/env python3
"""Derive the fixed SRP known-answer case inputs (writes cases.json).

Standard library only: this plays the *server* side of Cognito's SRP-6a so
that the inputs are realistic (SRP_B = k*v + g^b mod N for a real verifier)
and so that every case carries the key the server would derive
(`server_key_hex`). gen_py.py and gen_js.js check the client libraries
against that key, which makes the fixtures a three-way agreement:
server-side math, pycognito, amazon-cognito-identity-js.

Every "random" value is derived deterministically from SHA-256 of a label,
and some are searched for so that edge cases are hit on purpose (odd-length
SRP_A, u with a leading zero byte, S with a leading zero byte, top bits set).
Run it again and it writes byte-identical output.
"""

import base64
import hashlib
import hmac
import json
import os

N_HEX = (
    "FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD1"
    "29024E088A67CC74020BBEA63B139B22514A08798E3404DD"
    "EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245"
    "E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED"
    "EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3D"
    "C2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F"
    "83655D23DCA3AD961C62F356208552BB9ED529077096966D"
    "670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B"
    "E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9"
    "DE2BCBF6955817183995497CEA956AE515D2261898FA0510"
    "15728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64"
    "ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7"
    "ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6B"
    "F12FFA06D98A0864D87602733EC86A64521F2B18177B200C"
    "BBE117577A615D6C770988C0BAD946E208E24FA074E5AB31"
    "43DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF"
)
N = int(N_HEX, 16)
G = 2


def pad(n: int) -> bytes:
    """Java BigInteger.toByteArray() of a non-negative integer."""
    length = n.bit_length() // 8 + 1  # always room for a sign bit
    return n.to_bytes(length, "big")


def sha(b: bytes) -> bytes:
    return hashlib.sha256(b).digest()


def det_bytes(label: str, n: int) -> bytes:
    out = b""
    i = 0
    while len(out) < n:
        out += sha(f"{label}/{i}".encode())
        i += 1
    return out[:n]


K = int.from_bytes(sha(pad(N) + pad(G)), "big")


def hkdf16(ikm: bytes, salt: bytes) -> bytes:
    prk = hmac.new(salt, ikm, hashlib.sha256).digest()
    return hmac.new(prk, b"Caldera Derived Key\x01", hashlib.sha256).digest()[:16]


def x_of(pool_name, user_id, password, salt):
    inner = sha(f"{pool_name}{user_id}:{password}".encode("utf-8"))
    return int.from_bytes(sha(pad(salt) + inner), "big")


SPECS = [
    {
        "name": "basic-top-bits-set",
        "description": "salt, SRP_B and u all have the top bit set (Java-style 00 padding)",
        "pool_id": "us-east-1_AbCdEf123",
        "username": "alice",
        "user_id_for_srp": "alice",
        "password": "Correct-Horse-Battery-9!",
        "a_bytes": 128,
        "salt_digits": 32,
        "salt_want": "top-bit-set",
        "b_want": "top-bit-set",
        "a_want": "u-top-bit-set",
        "secret_block_bytes": 1122,
        "timestamp": "Mon Nov 2 01:02:03 UTC 2026",
        "hex_case": "lower",
    },
    {
        "name": "odd-length-a-and-salt-unicode",
        "description": "SRP_A has 767 hex digits (odd length), 31-digit salt, "
        "SRP_B top bit clear, USER_ID_FOR_SRP is a sub UUID, non-ASCII password, "
        "two-digit day",
        "pool_id": "eu-west-2_Zx9QwErTy",
        "username": "bob@example.com",
        "user_id_for_srp": "3f6c1a2e-9b4d-4c7e-8a10-5d2f7e9c0b61",
        "password": "p\u00e4ssw\u00f6rd \u2713 \u00dcn\u00efc\u00f8de \U0001f511",
        "a_bytes": 128,
        "salt_digits": 31,
        "salt_want": "any",
        "b_want": "top-bit-clear",
        "a_want": "odd-length-A",
        "secret_block_bytes": 1123,
        "timestamp": "Tue Dec 15 23:59:59 UTC 2026",
        "hex_case": "lower",
    },
    {
        "name": "u-leading-zero-byte",
        "description": "SHA256(pad(A)||pad(B)) starts with a 00 byte, so pad(u) used as the "
        "HKDF salt is only 31 bytes; short (32-byte) secret a; salt top bit clear",
        "pool_id": "ap-southeast-2_a1B2c3D4e",
        "username": "carol",
        "user_id_for_srp": "carol",
        "password": "hunter2",
        "a_bytes": 32,
        "salt_digits": 32,
        "salt_want": "top-bit-clear",
        "b_want": "top-bit-set",
        "a_want": "u-leading-zero-byte",
        "secret_block_bytes": 1124,
        "timestamp": "Tue Feb 29 00:00:00 UTC 2028",
        "hex_case": "lower",
    },
    {
        "name": "s-leading-zero-byte-uppercase-hex",
        "description": "S has a leading 00 byte (pad(S) shorter than 384 bytes); SRP_B and "
        "SALT sent in upper case; username with punctuation and a password with "
        "a colon, quotes and a backslash",
        "pool_id": "us-gov-west-1_XYZ987abc",
        "username": "dave.o'neil+test",
        "user_id_for_srp": "dave.o'neil+test",
        "password": 'p:a\\ss"w0rd\'',
        "a_bytes": 128,
        "salt_digits": 32,
        "salt_want": "top-bit-set",
        "b_want": "top-bit-set",
        "a_want": "S-leading-zero-byte",
        "secret_block_bytes": 1125,
        "timestamp": "Fri Jan 1 09:05:07 UTC 2027",
        "hex_case": "upper",
    },
]


def make_case(spec):
    name = spec["name"]
    pool_name = spec["pool_id"].split("_")[1]

    # salt: SALT_DIGITS hex digits with no leading zero (as Java toString(16) sends it)
    i = 0
    while True:
        salt_hex = det_bytes(f"{name}/salt/{i}", 32).hex()[: spec["salt_digits"]]
        top = int(salt_hex[0], 16)
        ok = top != 0 and (
            spec["salt_want"] == "any"
            or (spec["salt_want"] == "top-bit-set") == (top >= 8 and len(salt_hex) % 2 == 0)
        )
        if ok:
            break
        i += 1
    salt = int(salt_hex, 16)

    x = x_of(pool_name, spec["user_id_for_srp"], spec["password"], salt)
    v = pow(G, x, N)

    # server secret b and SRP_B = k*v + g^b mod N
    i = 0
    while True:
        b = int.from_bytes(det_bytes(f"{name}/b/{i}", 128), "big")
        big_b = (K * v + pow(G, b, N)) % N
        top_set = big_b.bit_length() == 3072
        if big_b != 0 and top_set == (spec["b_want"] == "top-bit-set"):
            break
        i += 1

    # client secret a, searched for the wanted edge case
    i = 0
    while True:
        a = int.from_bytes(det_bytes(f"{name}/a/{i}", spec["a_bytes"]), "big")
        big_a = pow(G, a, N)
        u_bytes = sha(pad(big_a) + pad(big_b))
        u = int.from_bytes(u_bytes, "big")
        want = spec["a_want"]
        if want == "u-top-bit-set":
            ok = u_bytes[0] >= 0x80
        elif want == "odd-length-A":
            ok = len(f"{big_a:x}") % 2 == 1
        elif want == "u-leading-zero-byte":
            ok = u_bytes[0] == 0
        elif want == "S-leading-zero-byte":
            s = pow((big_b - K * v) % N, a + u * x, N)
            ok = s.bit_length() <= 3064
        else:
            raise ValueError(want)
        if ok and u != 0:
            break
        i += 1

    # the server's side of the key agreement
    s_server = pow(big_a * pow(v, u, N), b, N)
    s_client = pow((big_b - K * v) % N, a + u * x, N)
    assert s_server == s_client, name
    key = hkdf16(pad(s_server), pad(u))

    secret_block = base64.b64encode(
        det_bytes(f"{name}/secret-block", spec["secret_block_bytes"])
    ).decode()
    srp_b_hex = f"{big_b:x}"
    if spec["hex_case"] == "upper":
        srp_b_hex = srp_b_hex.upper()
        salt_hex = salt_hex.upper()

    return {
        "name": name,
        "description": spec["description"],
        "pool_id": spec["pool_id"],
        "username": spec["username"],
        "user_id_for_srp": spec["user_id_for_srp"],
        "password": spec["password"],
        "a_hex": f"{a:x}",
        "salt_hex": salt_hex,
        "srp_b_hex": srp_b_hex,
        "secret_block_b64": secret_block,
        "timestamp": spec["timestamp"],
        "server_b_hex": f"{b:x}",
        "server_key_hex": key.hex(),
    }


def main():
    assert f"{K:064x}".startswith("538282c4"), f"{K:064x}"
    cases = [make_case(s) for s in SPECS]
    out = {
        "comment": "Inputs for the SRP known-answer vectors; written by make_cases.py. "
        "server_b_hex / server_key_hex are the server's secret b and the key the "
        "server derives from the verifier; the generators check the libraries against it.",
        "k_hex": f"{K:064x}",
        "cases": cases,
    }
    here = os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(here, "cases.json"), "w", encoding="utf-8") as f:
        json.dump(out, f, indent=2, ensure_ascii=False)
        f.write("\n")


if __name__ == "__main__":
    main()
