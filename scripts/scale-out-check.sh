#!/usr/bin/env bash
# scripts/scale-out-check.sh — on demand, not part of ./test.sh (README "Scaling out").
# Two app instances on one PostgreSQL behind nginx (sticky ip_hash, WebSocket upgrade), as in production:
#   1. both instances run a Hangfire server: the minutely outbox job must run once per minute, not once per instance;
#   2. a browser signs in through the proxy and uses an interactive page (a circuit on one instance);
#   3. a 400-letter call is sent from a page on one instance; its progress shows on a page of the other; the instance
#      running the job is killed; the other takes the job again after the (sliding) invisibility timeout and sends the
#      call once — 400 lines, 400 letters, one accounting entry;
#   4. the instance holding a browser's circuit (through the proxy) is stopped: the browser carries on on the other
#      one, still signed in (DataProtection keys in the database).
# ScaleOutTests in tests/KoproGo.E2E drives the browsers for 3 and 4.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
WITH_NGINX=1 WITH_BROWSER=1 scripts/install-deps.sh
scripts/pg.sh start >/dev/null
eval "$(scripts/pg.sh env)"
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
work=$(mktemp -d /tmp/koprogo-scaleout.XXXXXX)
db=koprogo_scaleout
PORT_A=5301 PORT_B=5302 PORT_PROXY=5300
INVISIBILITY_MINUTES=1     # production: 5 (README "Background jobs"); 1 here so that the take-over is seen in a minute
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  [[ -f $work/nginx.pid ]] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
  wait 2>/dev/null || true
}
trap cleanup EXIT
psql_admin() { PGPASSWORD=koprogo psql -h 127.0.0.1 -p 55432 -U koprogo -d postgres -qAtc "$1"; }
psql_db() { PGPASSWORD=koprogo psql -h 127.0.0.1 -p 55432 -U koprogo -d "$db" -qAtc "$1"; }
psql_admin "DROP DATABASE IF EXISTS $db WITH (FORCE)"
psql_admin "CREATE DATABASE $db"

echo "== build, and publish the app as a deployment would (static assets in wwwroot)"
dotnet build KoproGo.Web.sln -c Release -v:q -clp:ErrorsOnly -nologo >/dev/null
dotnet publish KoproGo.Web/KoproGo.Web.csproj -c Release --no-build -o "$work/app" -v:q -nologo >/dev/null

start() {   # name port seed
  ASPNETCORE_URLS="http://127.0.0.1:$2" ASPNETCORE_ENVIRONMENT=Production \
  ConnectionStrings__Default="Host=127.0.0.1;Port=55432;Database=$db;Username=koprogo;Password=koprogo" \
  Demo__Seed="$3" Database__MigrateOnStartup="$3" FileStore__Root="$work/files" Security__TotpKeyFile="$work/totp.key" \
  Proxy__KnownProxies=127.0.0.1 Logging__LogLevel__Default=Warning Hangfire__InvisibilityMinutes=$INVISIBILITY_MINUTES \
    bash -c 'cd "$0" && exec dotnet KoproGo.Web.dll' "$work/app" >"$work/$1.log" 2>&1 &
  pids+=($!); disown "$!"     # no "Killed" notice when the check stops an instance
  echo "$!" >"$work/$1.pid"
  for _ in $(seq 120); do curl -fs "http://127.0.0.1:$2/healthz" >/dev/null && return; sleep 1; done
  echo "instance $1 did not start"; tail -20 "$work/$1.log"; exit 1
}
echo "== instance A (migrates, seeds the demo), then B"
start a $PORT_A true
start b $PORT_B false

cat >"$work/nginx.conf" <<CONF
worker_processes 1;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 512; }
http {
  access_log $work/nginx-access.log;
  client_body_temp_path $work/tmp; proxy_temp_path $work/tmp; fastcgi_temp_path $work/tmp; uwsgi_temp_path $work/tmp; scgi_temp_path $work/tmp;
  map \$http_upgrade \$connection_upgrade { default upgrade; '' close; }
  upstream koprogo {
    ip_hash;                                   # sticky: a Blazor circuit lives on one instance
    server 127.0.0.1:$PORT_A max_fails=1 fail_timeout=30s;
    server 127.0.0.1:$PORT_B max_fails=1 fail_timeout=30s;
  }
  server {
    listen 127.0.0.1:$PORT_PROXY;
    location / {
      proxy_pass http://koprogo;
      proxy_http_version 1.1;
      proxy_set_header Upgrade \$http_upgrade;          # the circuit's WebSocket
      proxy_set_header Connection \$connection_upgrade;
      proxy_set_header Host \$http_host;               # with the port: redirects come back here
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto \$scheme;     # "https" where nginx terminates TLS
      proxy_read_timeout 120s;
      proxy_next_upstream error timeout http_502;
      add_header X-Upstream \$upstream_addr always;    # which instance answered (for this check only)
    }
  }
}
CONF
mkdir -p "$work/tmp"
"$NGINX" -c "$work/nginx.conf" -p "$work"
for _ in $(seq 20); do curl -fs "http://127.0.0.1:$PORT_PROXY/healthz" >/dev/null && break; sleep 0.5; done
echo "== proxy on http://localhost:$PORT_PROXY (ip_hash over :$PORT_A and :$PORT_B)"

echo "== recurring jobs: two Hangfire servers, one execution per schedule"
servers=$(psql_db "SELECT count(*) FROM hangfire.server")
sleep "${JOBS_WAIT_SECONDS:-130}"
runs=$(psql_db "SELECT count(*) FROM hangfire.job WHERE invocationdata::text LIKE '%SendOutboxEmailsJob%' AND createdat > now() - interval '125 seconds'")
echo "hangfire servers seen: $servers; outbox-send (every minute) ran $runs time(s) in the last 125 s (2 or 3 minutes start in 125 s; 4 to 6 if each instance ran it)"
[[ $servers -eq 2 && $runs -ge 1 && $runs -le 3 ]] || { echo "scale-out: $servers servers, recurring job ran $runs times"; exit 1; }
run_test() {   # test-name-part
  SCALEOUT_URL="http://localhost:$PORT_PROXY" SCALEOUT_PIDS="$PORT_A=$(cat "$work/a.pid") $PORT_B=$(cat "$work/b.pid")" \
  SCALEOUT_DB="Host=127.0.0.1;Port=55432;Database=$db;Username=koprogo;Password=koprogo" SCALEOUT_INVISIBILITY_MINUTES=$INVISIBILITY_MINUTES \
    dotnet test tests/KoproGo.E2E -c Release --no-build --filter "FullyQualifiedName~ScaleOutTests.$1" -nologo \
    --logger "console;verbosity=detailed" >"$work/test-$1.log" 2>&1 && ok=1 || ok=0
  grep -E "scale-out:|Passed!|Failed!|Error Message|Assert" -A2 "$work/test-$1.log" || true
  ((ok)) || { echo "scale-out: $1 failed (log: $work/test-$1.log)"; exit 1; }
}
alive() { [[ -r /proc/$(cat "$work/$1.pid")/stat ]] && [[ $(sed 's/^.*) //' "/proc/$(cat "$work/$1.pid")/stat" | cut -d' ' -f1) != Z ]]; }

echo "== a long call sending; the instance running it is killed mid-way"
run_test ALongCallSending
for name in a b; do
  if ! alive $name; then
    port=$([[ $name == a ]] && echo $PORT_A || echo $PORT_B)
    echo "== instance $name started again"
    start $name "$port" false
  fi
done

echo "== browser through the proxy, then the instance holding the circuit is stopped"
run_test TheInstanceHoldingTheCircuitStops

echo "== scale-out check passed"
