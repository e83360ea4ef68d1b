#!/usr/bin/env bash
# Installs, only when missing, the Debian packages KoproGo needs: PostgreSQL server, Chromium (Playwright tests),
# DejaVu fonts (PDFs), nginx for the scale-out check. Nothing else is downloaded at run time.
set -euo pipefail
need=()
compgen -G "/usr/lib/postgresql/*/bin/pg_ctl" >/dev/null || need+=(postgresql)
[[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ]] || need+=(fonts-dejavu-core)
if [[ "${WITH_BROWSER:-0}" == 1 ]] && ! command -v chromium >/dev/null 2>&1; then need+=(chromium); fi
# the scale-out check's reverse proxy (scripts/scale-out-check.sh), never the tests'
if [[ "${WITH_NGINX:-0}" == 1 ]] && ! command -v nginx >/dev/null 2>&1 && [[ ! -x /usr/sbin/nginx ]]; then need+=(nginx-light); fi
if ((${#need[@]})); then
  echo "install-deps: apt-get install ${need[*]}"
  [[ $(id -u) -eq 0 ]] && SUDO=() || SUDO=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  "${SUDO[@]}" apt-get update -q >/dev/null
  "${SUDO[@]}" apt-get install -y -q --no-install-recommends "${need[@]}" >/dev/null
fi
