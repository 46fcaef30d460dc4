#!/usr/bin/env node
/*
 * Known-answer SRP vectors from amazon-cognito-identity-js
 * (writes tests/fixtures/srp/cognito-identity-js.json).
 *
 * Drives the library's real CognitoUser.authenticateUser() (USER_SRP_AUTH)
 * against a fake service client (no network), with
 * AuthenticationHelper.prototype.generateRandomSmallA and
 * DateHelper.prototype.getNowString overridden to the fixed values from
 * cases.json, and records exactly what the library sends (SRP_A,
 * PASSWORD_CLAIM_SIGNATURE) plus u and the HKDF key.
 */
'use strict';

const fs = require('fs');
const path = require('path');
const {
	AuthenticationDetails,
	AuthenticationHelper,
	CognitoUser,
	CognitoUserPool,
	DateHelper,
} = require('amazon-cognito-identity-js');
const BigInteger = require('amazon-cognito-identity-js/lib/BigInteger').default;
const libVersion = require('amazon-cognito-identity-js/package.json').version;

const HERE = __dirname;
const REPO = path.resolve(HERE, '..', '..');
const CLIENT_ID = '3n4b5urk1ft4fl3mg5e62d9ado';

let current = null; // the case being run
const captured = {};

AuthenticationHelper.prototype.generateRandomSmallA = function fixedSmallA() {
	return new BigInteger(current.a_hex, 16);
};
DateHelper.prototype.getNowString = function fixedNow() {
	return current.timestamp;
};
const origKey = AuthenticationHelper.prototype.getPasswordAuthenticationKey;
AuthenticationHelper.prototype.getPasswordAuthenticationKey = function captureKey(
	username,
	password,
	serverB,
	salt,
	callback
) {
	return origKey.call(this, username, password, serverB, salt, (err, hkdf) => {
		if (!err) {
			captured.key = Buffer.from(hkdf).toString('hex');
			captured.u = this.UHexHash;
			captured.a = this.smallAValue.toString(16);
		}
		callback(err, hkdf);
	});
};

function runCase(c) {
	current = c;
	for (const k of Object.keys(captured)) delete captured[k];
	const storage = new Map();
	const Storage = {
		setItem: (k, v) => storage.set(k, v),
		getItem: k => storage.get(k),
		removeItem: k => storage.delete(k),
		clear: () => storage.clear(),
	};
	const pool = new CognitoUserPool({
		UserPoolId: c.pool_id,
		ClientId: CLIENT_ID,
		Storage,
	});
	pool.client = {
		request(op, params, cb) {
			if (op === 'InitiateAuth') {
				captured.initiate = params;
				return cb(null, {
					ChallengeName: 'PASSWORD_VERIFIER',
					ChallengeParameters: {
						USERNAME: c.user_id_for_srp,
						USER_ID_FOR_SRP: c.user_id_for_srp,
						SALT: c.salt_hex,
						SRP_B: c.srp_b_hex,
						SECRET_BLOCK: c.secret_block_b64,
					},
					Session: 'fixture-session',
				});
			}
			if (op === 'RespondToAuthChallenge') {
				captured.respond = params;
				return cb({ code: 'FixtureStop', message: 'captured' }, null);
			}
			throw new Error(`unexpected ${op}`);
		},
	};
	const user = new CognitoUser({ Username: c.username, Pool: pool, Storage });
	let failure = null;
	user.authenticateUser(
		new AuthenticationDetails({ Username: c.username, Password: c.password }),
		{
			onSuccess: () => {},
			onFailure: err => {
				failure = err;
			},
		}
	);
	if (!failure || failure.code !== 'FixtureStop' || !captured.respond) {
		throw new Error(`${c.name}: flow did not reach the password claim: ${failure}`);
	}
	const responses = captured.respond.ChallengeResponses;
	if (responses.TIMESTAMP !== c.timestamp) throw new Error('timestamp not fixed');
	if (captured.a !== c.a_hex) throw new Error('a not fixed');
	if (captured.key !== c.server_key_hex) {
		throw new Error(`${c.name}: library key disagrees with the server-side key`);
	}
	return {
		name: c.name,
		description: c.description,
		pool_id: c.pool_id,
		username: c.username,
		user_id_for_srp: c.user_id_for_srp,
		password: c.password,
		a_hex: c.a_hex,
		salt_hex: c.salt_hex,
		srp_b_hex: c.srp_b_hex,
		secret_block_b64: c.secret_block_b64,
		timestamp: c.timestamp,
		expected: {
			srp_a_hex: captured.initiate.AuthParameters.SRP_A,
			u_hex: captured.u,
			key_hex: captured.key,
			signature_b64: responses.PASSWORD_CLAIM_SIGNATURE,
		},
	};
}

function main() {
	const input = JSON.parse(fs.readFileSync(path.join(HERE, 'cases.json'), 'utf8'));
	const cases = input.cases.map(runCase);
	const k = new AuthenticationHelper('unused').k.toString(16).padStart(64, '0');
	const out = {
		generator: 'scripts/srp-vectors/gen_js.js',
		library: `amazon-cognito-identity-js ${libVersion}`,
		k_hex: k,
		cases,
	};
	const rel = 'tests/fixtures/srp/cognito-identity-js.json';
	fs.mkdirSync(path.dirname(path.join(REPO, rel)), { recursive: true });
	fs.writeFileSync(path.join(REPO, rel), `${JSON.stringify(out, null, 2)}\n`);
	console.log('wrote', rel);
}

main();
