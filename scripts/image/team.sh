#!/usr/bin/env bash
# Part of `npm run test:image` (scripts/image/test.sh): compose.team.yaml with podman-compose. It first
# checks that a missing secret stops `up` with a message naming it; then it runs the app image with
# PostgreSQL and an S3 store and goes through the journey (scripts/image/journey.mjs), restarts the
# app and checks again. With POSTGRES_IMAGE / MINIO_IMAGE unset it builds stand-ins from Debian's
# PostgreSQL and the suite's S3 test server (scripts/image/stand-ins/), as no registry is reachable
# here; elsewhere set them to postgres:17-bookworm and minio/minio.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
if [ -z "${CONTAINERS_CONF:-}" ] && command -v runc >/dev/null; then export CONTAINERS_CONF="$root/.ci/containers.conf"; fi
tag=${STOWAGE_TEST_IMAGE:-localhost/stowage:test}
base=${NODE_IMAGE:-localhost/node:24-bookworm-slim}
project=stowage-team-test-$$
dir=$(mktemp -d)
cp compose.team.yaml "$dir/" # run from a folder of its own, so no .env of the checkout is read
compose() { (cd "$dir" && podman-compose -p "$project" -f compose.team.yaml "$@"); }
cleanup() {
  compose down -v >/dev/null 2>&1 || true
  podman network rm -f "${project}_default" >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
free_port() { node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }

# `config` would be the command; podman-compose 1.0 has none, and `--dry-run up` starts nothing.
if (cd "$dir" && podman-compose --dry-run -f compose.team.yaml up -d) >"$dir/config.log" 2>&1; then fail "compose.team.yaml accepted a configuration without its secrets"; fi
grep -q "set APP_URL in .env\|set POSTGRES_PASSWORD in .env\|set S3_PUBLIC_URL in .env" "$dir/config.log" ||
  { cat "$dir/config.log"; fail "a missing secret was not named"; }
echo "without .env: stopped at once, naming $(grep -o 'set [A-Z_]* in .env' "$dir/config.log" | head -n 1 | cut -d' ' -f2)"

if [ -z "${POSTGRES_IMAGE:-}" ]; then
  export POSTGRES_IMAGE=localhost/stowage-postgres-stand-in
  podman build -q --build-arg BASE="$base" -f scripts/image/stand-ins/postgres.Containerfile -t "$POSTGRES_IMAGE" . >/dev/null
fi
if [ -z "${MINIO_IMAGE:-}" ]; then
  export MINIO_IMAGE=localhost/stowage-s3-stand-in
  podman build -q --build-arg BASE="$base" -f scripts/image/stand-ins/s3.Containerfile -t "$MINIO_IMAGE" . >/dev/null
fi
echo "PostgreSQL: $POSTGRES_IMAGE, S3: $MINIO_IMAGE"

# The browsers (here: this script) and the app container both reach the S3 store at this address.
host_ip=$(hostname -I | awk '{print $1}')
port=$(free_port)
s3_port=$(free_port)
url="http://127.0.0.1:$port"
export STOWAGE_IMAGE="$tag" STOWAGE_PORT="$port" S3_PORT="$s3_port" APP_URL="$url" \
  S3_PUBLIC_URL="http://$host_ip:$s3_port" POSTGRES_PASSWORD="$(node -e 'console.log(require("crypto").randomBytes(12).toString("hex"))')" \
  S3_ACCESS_KEY_ID=S3RVER S3_SECRET_ACCESS_KEY=S3RVER MULTIPART_THRESHOLD=8MiB
started=$(date +%s)
compose up -d >"$dir/up.log" 2>&1 || { cat "$dir/up.log"; fail "podman-compose up"; }
node scripts/image/wait-healthy.mjs "$url" 240 || { podman logs "${project}_stowage_1" 2>&1 | tail -n 30; fail "not healthy"; }
echo "healthy $(($(date +%s) - started)) s after podman-compose up (PostgreSQL migrated, bucket reachable)"
for service in postgres minio stowage; do
  podman healthcheck run "${project}_${service}_1" >/dev/null || fail "the $service health check failed"
done
echo "podman healthcheck run: postgres, minio and stowage healthy"
node scripts/image/journey.mjs upload "$url" "$dir/journey.json"
compose restart stowage >/dev/null 2>&1
node scripts/image/wait-healthy.mjs "$url" >/dev/null || fail "not healthy after a restart"
node scripts/image/journey.mjs check "$url" "$dir/journey.json"
