#!/usr/bin/env bash
# bench/run.sh — builds in Release and runs the benchmarks against the project's PostgreSQL (database koprogo_bench).
#   BENCH_SECONDS=10 (per scenario). Results: bench/results/latest.json and latest.md
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
scripts/install-deps.sh
scripts/pg.sh start >/dev/null
eval "$(scripts/pg.sh env)"
dotnet build bench/KoproGo.Bench/KoproGo.Bench.csproj -c Release -v:q -clp:ErrorsOnly -nologo
dotnet bench/KoproGo.Bench/bin/Release/net10.0/KoproGo.Bench.dll "$PWD/bench/results"
