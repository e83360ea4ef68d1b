#!/usr/bin/env bash
# ./run.sh — start KoproGo locally: project-local PostgreSQL, migrations, demo data, the web app.
#   PORT=5080 (default) · Ctrl-C stops the app (PostgreSQL keeps running: scripts/pg.sh stop)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
export HOME="${HOME:-$(getent passwd "$(id -un)" | cut -d: -f6)}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
PORT="${PORT:-5080}"

scripts/install-deps.sh
scripts/pg.sh start >/dev/null
eval "$(scripts/pg.sh env)"

dotnet build KoproGo.Web/KoproGo.Web.csproj -c Release -v:q -clp:ErrorsOnly -nologo

cat <<INFO

  KoproGo on http://127.0.0.1:$PORT   (Hangfire dashboard: /admin/jobs, SuperAdmin signed in with 2FA)
  Every demo account has the password: Demo-KoproGo-2026
    admin@koprogo.be         SuperAdmin
    syndic@horta.be          Syndic (Syndic Horta)
    comptable@horta.be       Accountant
    conseil@horta.be         Board member + owner of A8 (Résidence Horta)
    marie.dubois@example.be  Owner, French (Résidence Horta, A1)
    jan.peeters@example.be   Owner, Dutch (Residentie Leie, 1.01)
    locataire@example.be     Tenant (Résidence Horta)
    chauffagiste@example.be  Contractor
  Mails are not sent without an SMTP host: read them on /admin/outbox.

INFO
# the app runs from its project folder so that static assets resolve (see README, Decisions)
cd KoproGo.Web
exec env ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}" ASPNETCORE_URLS="http://127.0.0.1:$PORT" \
  Demo__Seed=true App__BaseUrl="http://127.0.0.1:$PORT" FileStore__Root="$PWD/../.data/files" Security__TotpKeyFile="$PWD/../.data/totp.key" \
  dotnet run -c Release --no-build --no-launch-profile
