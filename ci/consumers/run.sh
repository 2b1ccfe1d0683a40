#!/usr/bin/env bash
# Consumer apps: packs nestjs-wechat-component and nestjs-wechat-component-sandbox, generates one fresh app per row of
# the README's installation matrix (rows/<row>: package.json, tsconfig.json, src/ — plus shared/ and the one driver,
# driver.mjs), installs the tarballs there with a plain `npm install` (no --legacy-peer-deps, one shared npm cache),
# compiles the app with its own TypeScript settings and runs the driver: ticket push → authorization URL →
# `authorized` handled by the app's @OnComponentEvent handler → menu.get() for the account, against the sandbox
# installed from its tarball.
#
#   ci/consumers/run.sh                      every row that works today (not in PENDING_ROWS)
#   ci/consumers/run.sh ROW…                 those rows, pending or not
#   ci/consumers/run.sh --include-pending    every row; pending rows report but do not fail the run
#
# Env: REDIS_URL (default redis://127.0.0.1:6379), CONSUMERS_WORK (where apps are generated and kept; default a new
# temporary folder, removed at the end unless CONSUMERS_KEEP=1), CONSUMERS_PACKS (a folder holding both tarballs,
# packed already, e.g. by `npm run check:packages` with PACKS_DIR), CONSUMERS_NPM_CACHE (the npm cache every app
# installs from; default npm's own, shared with the repository's install).
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"

# Rows that need library features not built yet. Each stays here, written in full, until the feature lands; then
# remove it (run.sh --include-pending says which pending rows pass already).
declare -A PENDING_ROWS=(
  # [row-name]="the library feature it waits for"
  [nest11-cjs-bullmq5]="npm install fails (ERESOLVE): the fleet entry's optional peers bullmq ^6 and @nestjs/bullmq ^12 refuse an app already on bullmq 5 / @nestjs/bullmq 11"
)

ALL_ROWS=()
for dir in "$HERE"/rows/*/; do ALL_ROWS+=("$(basename "$dir")"); done

include_pending=""
rows=()
for arg in "$@"; do
  case "$arg" in
    --include-pending) include_pending=1 ;;
    -*) echo "unknown option $arg" >&2; exit 2 ;;
    *) [ -d "$HERE/rows/$arg" ] || { echo "no row $arg (rows: ${ALL_ROWS[*]})" >&2; exit 2; }; rows+=("$arg") ;;
  esac
done
if [ ${#rows[@]} -eq 0 ]; then
  for row in "${ALL_ROWS[@]}"; do
    if [ -n "$include_pending" ] || [ -z "${PENDING_ROWS[$row]:-}" ]; then rows+=("$row"); fi
  done
fi

# Apps go to memory when it can (/dev/shm): installing and compiling them on disk took three times as long here.
if [ -n "${CONSUMERS_WORK:-}" ]; then
  WORK="$CONSUMERS_WORK"
else
  tmp_base="${TMPDIR:-/tmp}"
  if [ -d /dev/shm ] && [ -w /dev/shm ] && [ "$(df -Pk /dev/shm | awk 'NR==2 {print $4}')" -gt 2000000 ]; then tmp_base=/dev/shm; fi
  WORK="$(mktemp -d "$tmp_base/consumers.XXXXXX")"
  [ -n "${CONSUMERS_KEEP:-}" ] || trap 'rm -rf "$WORK"' EXIT
fi
if [ -n "${CONSUMERS_NPM_CACHE:-}" ]; then export npm_config_cache="$CONSUMERS_NPM_CACHE"; fi
export npm_config_legacy_peer_deps=false npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false
export REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379}"
mkdir -p "$WORK/packs"
started=$SECONDS

if [ -n "${CONSUMERS_PACKS:-}" ]; then
  echo "== consumers: the tarballs in $CONSUMERS_PACKS"
  cp "$CONSUMERS_PACKS"/nestjs-wechat-component-*.tgz "$WORK/packs/"
else
  echo "== consumers: packing both packages into $WORK/packs"
  rm -f "$WORK"/packs/*.tgz
  (cd "$ROOT" && npm pack --silent -w nestjs-wechat-component -w nestjs-wechat-component-sandbox --pack-destination "$WORK/packs" >/dev/null)
fi
LIB_TGZ="$(ls "$WORK"/packs/nestjs-wechat-component-[0-9]*.tgz)"
SANDBOX_TGZ="$(ls "$WORK"/packs/nestjs-wechat-component-sandbox-[0-9]*.tgz)"

# Generates, installs, compiles and drives one row; its output goes to $WORK/<row>.log.
run_row() {
  local row="$1" app="$WORK/$1" t0=$SECONDS
  rm -rf "$app"
  cp -R "$HERE/rows/$row" "$app"
  mkdir -p "$app/src/shared"
  cp "$HERE"/shared/*.ts "$app/src/shared/"
  cp "$HERE/driver.mjs" "$app/driver.mjs"
  node -e '
    const fs = require("fs");
    const [file, lib, sandbox] = process.argv.slice(1);
    const pkg = JSON.parse(fs.readFileSync(file, "utf8"));
    pkg.dependencies["nestjs-wechat-component"] = `file:${lib}`;
    pkg.devDependencies["nestjs-wechat-component-sandbox"] = `file:${sandbox}`;
    fs.writeFileSync(file, JSON.stringify(pkg, null, 2) + "\n");
  ' "$app/package.json" "$LIB_TGZ" "$SANDBOX_TGZ"
  local row_json="$app/row.json"
  node -e 'const f = process.argv[1], r = JSON.parse(require("fs").readFileSync(f, "utf8")); r.name = process.argv[2]; require("fs").writeFileSync(f, JSON.stringify(r, null, 2));' "$row_json" "$row"
  cd "$app"
  echo "-- npm install (+$((SECONDS - t0)) s)"
  npm install --prefer-offline --no-progress
  echo "-- installed: $(node -p 'const l = require("./package-lock.json").packages; ["@nestjs/core", "@nestjs/common", "typescript", "cache-manager", "nestjs-wechat-component", "nestjs-wechat-component-sandbox"].map((n) => `${n}@${l["node_modules/" + n]?.version ?? "-"}`).join(" ")')"
  echo "-- npm ls (no invalid or missing peers) (+$((SECONDS - t0)) s)"
  npm ls --all >/dev/null
  echo "-- tsc (+$((SECONDS - t0)) s)"
  npm run --silent build
  echo "-- driver (+$((SECONDS - t0)) s)"
  node driver.mjs
  if node -e 'process.exit(require("./package.json").scripts?.test ? 0 : 1)'; then
    echo "-- the app's own tests (+$((SECONDS - t0)) s)"
    npm test --silent
  fi
  echo "-- row took $((SECONDS - t0)) s"
}

echo "== consumers: ${rows[*]}"
declare -A pids=()
for row in "${rows[@]}"; do
  ( run_row "$row" ) >"$WORK/$row.log" 2>&1 &
  pids[$row]=$!
done

failed=()
for row in "${rows[@]}"; do
  status=0
  wait "${pids[$row]}" || status=$?
  pending="${PENDING_ROWS[$row]:-}"
  echo
  echo "-------- $row $([ -n "$pending" ] && echo "(pending: $pending)")"
  cat "$WORK/$row.log"
  if [ "$status" = 0 ]; then
    echo "== $row: PASS$([ -n "$pending" ] && echo " — it is still listed in PENDING_ROWS: remove it")"
  elif [ -n "$pending" ]; then
    echo "== $row: FAIL (pending, does not fail the run)"
  else
    echo "== $row: FAIL"
    failed+=("$row")
  fi
done

echo
echo "== consumers: ${#rows[@]} rows in $((SECONDS - started)) s"
if [ ${#failed[@]} -gt 0 ]; then
  echo "== consumers: failed: ${failed[*]}" >&2
  exit 1
fi
