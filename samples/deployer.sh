#!/usr/bin/env bash
# A tiny deployer: reads one Redeploy job (JSON) on stdin or from the file named as its argument, "deploys" it, and
# reports back to the job's callbackUrl with curl: started, then succeeded (or failed, if the deploy step fails).
# Replace the deploy step with your own (docker compose pull && up, kubectl, a PaaS CLI...).
set -euo pipefail

job=$(if [ $# -gt 0 ]; then cat "$1"; else cat; fi)
field() { node -e 'const j = JSON.parse(process.argv[1]); const v = process.argv[2].split(".").reduce((o, k) => o?.[k], j); console.log(typeof v === "object" ? JSON.stringify(v) : (v ?? ""))' "$job" "$1"; }
callback=$(field callbackUrl)
report() { curl -sS -X POST -H 'content-type: application/json' -d "$1" "$callback" >/dev/null; }

echo "deployer: job $(field jobId) for stack $(field stack): $(field services)"
report '{"state":"started","description":"samples/deployer.sh is deploying"}'

if sleep 2; then   # the deploy step
  report '{"state":"succeeded","description":"deployed by samples/deployer.sh","environmentUrl":"http://localhost:8080/"}'
  echo "deployer: job $(field jobId) succeeded"
else
  report '{"state":"failed","description":"the deploy step failed"}'
  echo "deployer: job $(field jobId) failed"
fi
