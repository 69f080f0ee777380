#!/usr/bin/env bash
# node_client.sh: cx_metrics through node-postgres, the JavaScript driver,
# as README's "Client notes" describe it.  Installs the `pg` that
# test/node/package-lock.json pins with `npm ci` into a directory of its own
# (under CX_TMP, which test/run removes; never globally), then runs
# test/node/client.js, which prints TAP: it reads every view of a journey,
# sends summaries back as parameters, builds them from counts and from
# jsonb, and checks the SQLSTATEs of bad input (see its header).
#
# Skips (1..0 # SKIP) where node (16 or later) or npm is absent, or where
# `npm ci` cannot reach the registry (offline with nothing in npm's cache);
# any other failure of `npm ci` fails.
# Needs a running server in PGHOST/PGPORT/PGUSER (test/run provides one).
set -euo pipefail

root=${CX_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
# shellcheck source=test/tap.sh
source "$root/test/tap.sh"

command -v node >/dev/null 2>&1 || skip_all "node is not installed"
command -v npm >/dev/null 2>&1 || skip_all "npm is not installed"
major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
((major >= 16)) || skip_all "node $(node --version 2>/dev/null) is older than 16, which pg needs"

base=${CX_TMP:-${TMPDIR:-/tmp}}
dir=$(mktemp -d "$base/node_client.XXXXXX")
[[ -n ${CX_TMP:-} ]] || trap 'rm -rf "$dir"' EXIT
cp "$root/test/node/package.json" "$root/test/node/package-lock.json" "$dir/"
if ! out=$(cd "$dir" && npm ci --ignore-scripts --no-audit --no-fund --prefer-offline --loglevel=error 2>&1); then
	# No registry (offline, and pg not in npm's cache): nothing to test
	# here.  Any other failure (a lockfile that does not match package.json,
	# say) is a fault of the tree, and fails.
	code=$(sed -n 's/^npm error code //p' <<<"$out" | head -n 1)
	case $code in
	ECONNREFUSED | ECONNRESET | ENOTFOUND | EAI_AGAIN | ETIMEDOUT | ENETUNREACH | EHOSTUNREACH | ENOTCACHED)
		skip_all "npm ci could not reach the registry ($code): $(grep -m 1 'Error:' <<<"$out" || true)"
		;;
	esac
	not_ok "npm ci installs test/node/package-lock.json"
	sed 's/^/# /' <<<"$out" | head -n 20
	echo "1..$n"
	exit 1
fi

# The module is found through NODE_PATH: client.js stays in the tree.
# In a time zone east of UTC, where a Date at local midnight is the day
# before in UTC: the dates must be read as README says.
TZ=Europe/Berlin NODE_PATH=$dir/node_modules CX_NODE_DB=cx_node_client node "$root/test/node/client.js"
