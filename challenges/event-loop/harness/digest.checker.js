'use strict';
/**
 * The load generator's checker for POST /hash: every 2xx answer must carry
 * the digest the harness computed beforehand (on the worker, passed in the
 * driver's options), looked up by the exact request body.
 */
const expected = new Map();

function prime(entries) {
  for (const [body, digest] of entries) expected.set(body, digest);
}

function check({ body, requestBody }) {
  const want = expected.get(requestBody);
  if (want === undefined) return `no expected digest for body ${String(requestBody).slice(0, 60)}`;
  let got;
  try {
    got = JSON.parse(body).digest;
  } catch {
    return `answer is not JSON: ${String(body).slice(0, 80)}`;
  }
  return got === want || `wrong digest (got ${JSON.stringify(got).slice(0, 70)})`;
}

module.exports = check;
module.exports.check = check;
module.exports.prime = prime;
