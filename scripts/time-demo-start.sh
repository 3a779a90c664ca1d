#!/usr/bin/env bash
# Times `npm run demo` as a person experiences it: from the command to the first aircraft
# position the server serves to the map, and to KAS-2's breach alert. Stops the demo after.
#   scripts/time-demo-start.sh cold   # removes ./data first (PostGIS initialised from scratch)
#   scripts/time-demo-start.sh warm   # keeps ./data
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-warm}
port=${PORT:-8080}
[ "$mode" = cold ] && rm -rf data
now_ms() { date +%s%3N; }
start=$(now_ms)
# Its own process group, so the whole demo (npm, server, simulator) stops together.
setsid npm run demo > "/tmp/demo-$mode.log" 2>&1 &
demo=$!
trap 'kill -INT -- -$demo 2>/dev/null; wait $demo 2>/dev/null || true' EXIT
first_position='' breach=''
# Signs in as the demo operator once the server has written the demo accounts (DATA_DIR/demo-accounts.json).
jar=$(mktemp)
signed_in=''
sign_in() {
  [ -f data/demo-accounts.json ] || return 1
  node -e "const a=require('./data/demo-accounts.json').find(x=>x.email==='operator@corridor.demo'); process.stdout.write(JSON.stringify({email:a.email,password:a.password}))" |
    curl -sf -c "$jar" -H 'content-type: application/json' --data-binary @- "localhost:$port/api/auth/login" > /dev/null
}
while [ -z "$breach" ] && [ $(( $(now_ms) - start )) -lt 180000 ]; do
  [ -z "$signed_in" ] && sign_in && signed_in=yes
  if [ -z "$first_position" ] && curl -sf -b "$jar" "localhost:$port/api/vehicles" | grep -q '"position":{'; then
    first_position=$(( $(now_ms) - start ))
    echo "first aircraft position served after $(awk "BEGIN{print $first_position/1000}") s"
  fi
  # Only a breach raised by this run counts (a warm data folder keeps earlier alerts).
  if [ -n "$first_position" ] && curl -sf -b "$jar" "localhost:$port/api/alerts" |
    node -e "const a=JSON.parse(require('fs').readFileSync(0,'utf8')).items; process.exit(a.some(x=>x.kind==='zone-breach'&&x.raisedAtMs>$start)?0:1)"; then
    breach=$(( $(now_ms) - start ))
    echo "KAS-2 breach alert after $(awk "BEGIN{print $breach/1000}") s ($(awk "BEGIN{print ($breach-$first_position)/1000}") s after the first position)"
  fi
  sleep 0.2
done
