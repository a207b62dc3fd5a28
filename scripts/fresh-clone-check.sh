#!/usr/bin/env bash
# `npm run check:fresh-clone`: the quick start, proved as a newcomer meets it. Clones this repository's
# committed HEAD into a new temporary folder with nothing beside it, runs `npm ci` (the only step allowed
# the network), then with no network at all (a network namespace with only loopback when this runs as root
# and `unshare` exists, and npm pointed at an unreachable registry in any case):
#   1. npm test with Chromium (REQUIRE_BROWSER=1: the browser tests must run);
#   2. npm test with Chromium hidden (CHROMIUM_PATH pointing nowhere, CI unset): passes, browser tests
#      skipped with one loud line, and the run exits;
#   3. the browser tests with Chromium hidden and CI=true: fail, and exit;
#   4. npm start serves /healthz;
#   5. MicrosoftAppId=<guid> npm run teams:package validates against the official v1.22 schema.
# Prints one line per step with its time; exits 1 at the first failure, keeping the clone to look at.
#   bash scripts/fresh-clone-check.sh [--keep]
set -euo pipefail

if [ "${1:-}" = "--offline-steps" ]; then
  # Second half, run inside the network namespace (or not): $2 is the clone, $3 the log folder.
  repo="$2"
  logs="$3"
  cd "$repo"
  if [ "${NETNS:-}" = "1" ]; then ip link set lo up; fi
  export npm_config_registry=http://127.0.0.1:9 npm_config_audit=false npm_config_fund=false
  unset CI REQUIRE_BROWSER CHROMIUM_PATH
  fail() { echo "FAIL  $*" >&2; exit 1; }
  step() { # name, timeout in s, command...: runs it, logs to $logs/<name>.log, prints exit code and time
    local name="$1" limit="$2"
    shift 2
    local start=$SECONDS code=0
    timeout --kill-after=10 "$limit" "$@" >"$logs/$name.log" 2>&1 || code=$?
    echo "$code $((SECONDS - start))"
  }

  links=$(ip -o link show 2>/dev/null | awk -F': ' '{print $2}' | tr '\n' ' ' || true)
  if [ "${NETNS:-}" = "1" ]; then echo "ok    no network: a network namespace whose only interface is ${links}(npm pointed at 127.0.0.1:9 too)"
  else echo "note  not root or no unshare: the network is still there, but npm is pointed at an unreachable registry (127.0.0.1:9)"; fi

  read -r code secs < <(step npm-test-with-browser 900 env REQUIRE_BROWSER=1 npm test)
  [ "$code" = 0 ] || fail "npm test with Chromium exited $code after ${secs}s (see $logs/npm-test-with-browser.log)"
  grep -q 'PASS tests/browser/webchat.test.ts' "$logs/npm-test-with-browser.log" || fail "the browser tests did not run with Chromium"
  echo "ok    npm test with Chromium: passed in ${secs}s, $(grep -E '^Tests:' "$logs/npm-test-with-browser.log")"

  read -r code secs < <(step npm-test-without-browser 900 env CHROMIUM_PATH=/nonexistent/chromium npm test)
  [ "$code" = 0 ] || fail "npm test with Chromium hidden exited $code after ${secs}s (124 or 137: it hung; see $logs/npm-test-without-browser.log)"
  [ "$(grep -c '\*\*\* BROWSER TESTS SKIPPED' "$logs/npm-test-without-browser.log")" = 1 ] || fail "no single loud skip line"
  echo "ok    npm test with Chromium hidden: passed and exited in ${secs}s, $(grep -E '^Tests:' "$logs/npm-test-without-browser.log")"
  echo "      $(grep '\*\*\* BROWSER TESTS SKIPPED' "$logs/npm-test-without-browser.log" | cut -c1-150)..."

  read -r code secs < <(step browser-tests-under-ci 300 env CI=true CHROMIUM_PATH=/nonexistent/chromium npm run --silent test:unit -- tests/browser/webchat.test.ts)
  [ "$code" = 1 ] || fail "the browser tests with Chromium hidden under CI exited $code after ${secs}s, not 1 (124 or 137: it hung)"
  grep -q 'Browser tests cannot run: no Chromium found' "$logs/browser-tests-under-ci.log" || fail "no reason given under CI"
  echo "ok    browser tests with Chromium hidden and CI=true: failed (exit 1) and exited in ${secs}s"

  start=$SECONDS
  # Its own process group, so that stopping it stops npm, its shell and the bot, and nothing else.
  PORT=0 setsid npm start >"$logs/npm-start.log" 2>&1 &
  npm_pid=$!
  url=""
  for _ in $(seq 1 240); do
    url=$(grep -o '"url":"http://127.0.0.1:[0-9]*"' "$logs/npm-start.log" | head -1 | cut -d'"' -f4 || true)
    [ -n "$url" ] && break
    sleep 0.5
  done
  health=""
  if [ -n "$url" ]; then health=$(curl -fsS "$url/healthz" || true); fi
  kill -TERM -- "-$npm_pid" 2>/dev/null || true
  wait "$npm_pid" 2>/dev/null || true
  [ "$health" = '{"status":"ok","store":"ok"}' ] || fail "npm start did not serve /healthz (got '$health'; see $logs/npm-start.log)"
  echo "ok    npm start: $url/healthz answered $health, $((SECONDS - start))s from start (build included)"
  if grep -q 'DeprecationWarning' "$logs/npm-start.log"; then fail "npm start printed a deprecation warning"; fi

  read -r code secs < <(step teams-package 300 env MicrosoftAppId=0b5ad6a4-7a3c-4a6c-9a1f-3a5b1d2c4e6f npm run teams:package)
  [ "$code" = 0 ] || fail "teams:package exited $code (see $logs/teams-package.log)"
  grep -q "valid against Microsoft's Teams manifest schema v1.22" "$logs/teams-package.log" || fail "teams:package did not validate against v1.22"
  echo "ok    teams:package in ${secs}s: $(tail -1 "$logs/teams-package.log" | cut -c1-160)"
  exit 0
fi

keep="${1:-}"
src="$(cd "$(dirname "$0")/.." && pwd)"
base="$(mktemp -d /tmp/fresh-XXXXXX)"
repo="$base/repo"
logs="$(mktemp -d /tmp/fresh-logs-XXXXXX)"
branch="$(git -C "$src" rev-parse --abbrev-ref HEAD)"
git clone --quiet --no-local --branch "$branch" "$src" "$repo"
echo "clone $repo ($branch at $(git -C "$repo" rev-parse --short HEAD)); beside it: $(ls -A "$base" | tr '\n' ' ')"
[ "$(ls -A "$base")" = "repo" ] || { echo "FAIL  something beside the clone" >&2; exit 1; }

start=$SECONDS
(cd "$repo" && timeout 900 npm ci --no-audit --no-fund) >"$logs/npm-ci.log" 2>&1 || { echo "FAIL  npm ci (see $logs/npm-ci.log)" >&2; exit 1; }
echo "ok    npm ci (network allowed): $((SECONDS - start))s; $(grep -E '^added ' "$logs/npm-ci.log"); $(grep 'web/vendor' "$logs/npm-ci.log" || echo 'no web/vendor line')"
if grep -q 'npm warn' "$logs/npm-ci.log"; then echo "note  npm ci warned: $(grep 'npm warn' "$logs/npm-ci.log" | head -3 | tr '\n' ' ')"; fi

if [ "$(id -u)" = 0 ] && command -v unshare >/dev/null && command -v ip >/dev/null; then
  NETNS=1 unshare --net -- bash "$0" --offline-steps "$repo" "$logs"
else
  bash "$0" --offline-steps "$repo" "$logs"
fi
echo "all steps passed (logs in $logs)"
if [ "$keep" != "--keep" ]; then rm -rf "$base"; else echo "clone kept at $repo"; fi
