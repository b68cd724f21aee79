#!/usr/bin/env bash
# `npm run test:image`: builds the container image with Podman and checks what a self-hoster relies on.
#  1. what the image declares (HEALTHCHECK, VOLUME /app/data, EXPOSE 3000, a non-root user), its size
#     and contents (no compiler, no dev dependencies, no build cache);
#  2. a container: health, register, upload, download the same bytes; `podman stop` (SIGTERM) exits 0
#     after the graceful shutdown; restarted, and then a new container on the same volume, it still has
#     every file and the same session is valid (the secret lives in the volume);
#  3. compose.yaml (SQLite) with podman-compose: the same journey;
#  4. compose.team.yaml (PostgreSQL + S3) when STOWAGE_IMAGE_TEAM=1 (see scripts/image/team.sh).
# Not part of `npm test` (a cold build takes minutes); .ci/run runs it. Needs podman, podman-compose,
# and either registry access or debootstrap (scripts/image/base.sh makes the base image locally).
# NODE_IMAGE picks the base (default: the local stand-in for node:24-bookworm-slim).
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
# runc and explicit ulimits work on every host; crun and the default ulimits do not on some VMs.
if [ -z "${CONTAINERS_CONF:-}" ] && command -v runc >/dev/null; then export CONTAINERS_CONF="$root/.ci/containers.conf"; fi

node_image=${NODE_IMAGE:-localhost/node:24-bookworm-slim}
tag=${STOWAGE_TEST_IMAGE:-localhost/stowage:test}
run_id=stowage-test-$$
volume=$run_id-data
state=$(mktemp -d)
cleanup() {
  podman rm -f -t 0 "$run_id" "$run_id-2" >/dev/null 2>&1 || true
  podman volume rm -f "$volume" >/dev/null 2>&1 || true
  if [ -f "$state/compose.yaml" ]; then
    (cd "$state" && podman-compose -p "$run_id" -f compose.yaml down -v >/dev/null 2>&1) || true
    podman network rm -f "${run_id}_default" >/dev/null 2>&1 || true
  fi
  rm -rf "$state"
}
trap cleanup EXIT
step() { printf '\n== %s\n' "$*"; }
fail() { echo "FAIL: $*" >&2; exit 1; }
free_port() { node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }

step "base image $node_image"
if ! podman image exists "$node_image"; then
  case "$node_image" in
    localhost/*) scripts/image/base.sh "$node_image" ;;
    *) podman pull "$node_image" ;;
  esac
fi

step "build $tag"
started=$(date +%s)
# docker format: the OCI format has no HEALTHCHECK field (Podman would drop it).
podman build --format docker --build-arg NODE_IMAGE="$node_image" -t "$tag" . | grep -E '^(STEP|COMMIT|-->)' | tail -n 4
echo "build time: $(($(date +%s) - started)) s${PODMAN_BUILD_NOTE:-}"

step "what the image declares"
podman image inspect "$tag" | node -e '
  const [image] = JSON.parse(require("fs").readFileSync(0, "utf8"));
  const config = image.Config;
  const problems = [];
  if (!config.ExposedPorts?.["3000/tcp"]) problems.push("no EXPOSE 3000");
  if (!config.Volumes?.["/app/data"]) problems.push("no VOLUME /app/data");
  const check = (config.Healthcheck ?? image.Healthcheck)?.Test?.join(" ") ?? "";
  if (!check.includes("/api/health")) problems.push("no HEALTHCHECK on /api/health");
  if (!config.User || config.User === "root" || config.User.startsWith("0")) problems.push("runs as root");
  if (JSON.stringify(config.Cmd) !== JSON.stringify(["node", "dist/server/main.mjs"])) problems.push(`CMD is ${JSON.stringify(config.Cmd)}`);
  console.log(`EXPOSE ${Object.keys(config.ExposedPorts ?? {})}, VOLUME ${Object.keys(config.Volumes ?? {})}, USER ${config.User}, CMD ${JSON.stringify(config.Cmd)}`);
  console.log(`HEALTHCHECK ${check}`);
  console.log(`size: ${(image.Size / 1e6).toFixed(0)} MB in ${image.RootFS.Layers.length} layers`);
  if (problems.length) { console.error(problems.join("\n")); process.exit(1); }
' || fail "the image does not declare what it should"

step "what is in it"
podman run --rm --entrypoint /bin/sh "$tag" -c '
  set -e
  for tool in gcc g++ cc make python3 curl; do
    if command -v "$tool" >/dev/null; then echo "found $tool"; exit 1; fi
  done
  for dev in vitest @playwright/test eslint prettier typescript @20minutes/s3rver prisma-migrate; do
    if [ -e "node_modules/$dev" ]; then echo "found the dev dependency $dev"; exit 1; fi
  done
  if [ -n "$(ls -A .next/cache)" ]; then echo "found a build cache in .next/cache"; exit 1; fi
  if [ -e .next/standalone ] || [ -e app ] || [ -e lib/db.ts ]; then echo "found sources"; exit 1; fi
  echo "node $(node --version), user $(id -un) ($(id -u)), no compiler, no dev dependencies, no build cache"
  du -sh /usr/local/bin/node node_modules .next public dist prisma 2>/dev/null | sed "s/^/  /"
  echo "  biggest packages:"; du -s node_modules/* node_modules/@*/* 2>/dev/null | sort -rn | head -n 8 | awk "{printf \"    %d MB %s\n\", \$1/1024, \$2}"
' || fail "the image holds what production does not run"

step "a container on a fresh volume"
port=$(free_port)
url="http://127.0.0.1:$port"
podman volume create "$volume" >/dev/null
run() { # name
  podman run -d --name "$1" -p "127.0.0.1:$port:3000" -v "$volume:/app/data" \
    -e APP_URL="$url" -e MULTIPART_THRESHOLD=8MiB -e WEB_CONCURRENCY=2 "$tag" >/dev/null
}
started=$(date +%s)
run "$run_id"
node scripts/image/wait-healthy.mjs "$url" 180 "$run_id" || { podman logs "$run_id" | tail -n 30; fail "the container did not become healthy"; }
echo "healthy $(($(date +%s) - started)) s after podman run (migrations applied)"
podman healthcheck run "$run_id" >/dev/null || fail "the image's HEALTHCHECK failed on a healthy container"
echo "podman healthcheck run: healthy"
node scripts/image/journey.mjs upload "$url" "$state/journey.json"
podman run --rm -v "$volume:/app/data" --entrypoint /bin/sh "$tag" -c 'ls -ln /app/data | grep -q auth-secret' ||
  fail "the generated secret is not in the volume"
echo "the generated secret is in the volume (/app/data/auth-secret)"

stop_and_check() { # name
  local started=$(date +%s)
  podman stop -t 60 "$1" >/dev/null
  local code=$(podman inspect "$1" --format '{{.State.ExitCode}}')
  podman logs "$1" >"$state/stop.log" 2>&1 # (not piped into grep -q: pipefail would see SIGPIPE)
  tail -n 5 "$state/stop.log" | grep -q '"process stopped"' || { tail -n 20 "$state/stop.log"; fail "no graceful shutdown in the log"; }
  [ "$code" = 0 ] || { podman logs "$1" | tail -n 20; fail "podman stop: exit code $code"; }
  echo "podman stop: exit code 0 after the graceful shutdown, in $(($(date +%s) - started)) s"
}
stop_and_check "$run_id"

step "the same container, restarted"
podman start "$run_id" >/dev/null
node scripts/image/wait-healthy.mjs "$url" 180 "$run_id" >/dev/null || fail "not healthy after a restart"
node scripts/image/journey.mjs check "$url" "$state/journey.json"
stop_and_check "$run_id"
podman rm "$run_id" >/dev/null

step "a new container on the same volume"
run "$run_id-2"
node scripts/image/wait-healthy.mjs "$url" 180 "$run_id-2" >/dev/null || fail "the new container did not become healthy"
node scripts/image/journey.mjs check "$url" "$state/journey.json"
stop_and_check "$run_id-2"
podman rm "$run_id-2" >/dev/null

step "compose.yaml (SQLite) with podman-compose"
port=$(free_port)
url="http://127.0.0.1:$port"
cp compose.yaml "$state/" # run from a folder of its own, so no .env of the checkout is read
(cd "$state" && STOWAGE_IMAGE="$tag" STOWAGE_PORT="$port" APP_URL="$url" MULTIPART_THRESHOLD=8MiB \
  podman-compose -p "$run_id" -f compose.yaml up -d >"$state/compose.log" 2>&1) ||
  { cat "$state/compose.log"; fail "podman-compose up"; }
node scripts/image/wait-healthy.mjs "$url" >/dev/null || { podman logs "${run_id}_stowage_1" | tail -n 30; fail "compose: not healthy"; }
node scripts/image/journey.mjs upload "$url" "$state/compose.json"
(cd "$state" && podman-compose -p "$run_id" -f compose.yaml restart >/dev/null 2>&1)
node scripts/image/wait-healthy.mjs "$url" >/dev/null || fail "compose: not healthy after a restart"
node scripts/image/journey.mjs check "$url" "$state/compose.json"

if [ "${STOWAGE_IMAGE_TEAM:-1}" = 1 ]; then
  step "compose.team.yaml (PostgreSQL + S3) with podman-compose"
  STOWAGE_TEST_IMAGE="$tag" NODE_IMAGE="$node_image" scripts/image/team.sh
fi
printf '\nimage checks passed\n'
