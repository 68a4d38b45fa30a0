// A tiny webhook deployer for the local round trip (README, "After dispatch"). It checks Redeploy's Standard Webhooks
// signature with DEPLOYER_SECRET, answers 202 at once, and runs samples/deployer.sh with the job on stdin. A job id it
// has seen already (a rare repeat delivery) is answered 200 and not deployed again. Node only: nothing to install.
'use strict';
const http = require('node:http');
const crypto = require('node:crypto');
const path = require('node:path');
const { spawn } = require('node:child_process');

const secret = process.env.DEPLOYER_SECRET;
if (!secret) {
  console.error('set DEPLOYER_SECRET to the secret of the stack file');
  process.exit(2);
}
const key = secret.startsWith('whsec_') ? Buffer.from(secret.slice(6), 'base64') : Buffer.from(secret, 'utf8');
const port = Number(process.env.PORT || 8090);
const seen = new Set();

function signed(headers, body) {
  const id = headers['webhook-id'];
  const timestamp = headers['webhook-timestamp'];
  if (!id || !timestamp || Math.abs(Date.now() / 1000 - Number(timestamp)) > 300) return false;
  const expected = crypto.createHmac('sha256', key).update(`${id}.${timestamp}.`).update(body).digest();
  return (headers['webhook-signature'] || '').split(' ').some((entry) => {
    const given = Buffer.from(entry.startsWith('v1,') ? entry.slice(3) : '', 'base64');
    return given.length === expected.length && crypto.timingSafeEqual(given, expected);
  });
}

http.createServer((req, res) => {
  const chunks = [];
  let size = 0;
  req.on('data', (chunk) => {
    size += chunk.length;
    if (size > 1024 * 1024) req.destroy();
    else chunks.push(chunk);
  });
  req.on('end', () => {
    const body = Buffer.concat(chunks);
    if (req.method !== 'POST' || !signed(req.headers, body)) {
      console.log('refused a delivery: not a POST, or a bad signature');
      res.writeHead(401).end();
      return;
    }
    const id = req.headers['webhook-id'];
    if (seen.has(id)) {
      res.writeHead(200).end();
      return;
    }
    seen.add(id);
    res.writeHead(202).end();
    const deploy = spawn(path.join(__dirname, 'deployer.sh'), [], { stdio: ['pipe', 'inherit', 'inherit'] });
    deploy.stdin.end(body);
  });
}).listen(port, '127.0.0.1', () => console.log(`deployer listening on http://127.0.0.1:${port}/deploy`));
