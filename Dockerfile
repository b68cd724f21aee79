# syntax=docker/dockerfile:1
# Stowage's container image (Docker and Podman build it alike): `docker build -t stowage .`
# Three stages: the dependencies (with the compilers native modules may need), the build (Next's app
# and the server bundle), and the runtime (Node, the production dependencies and the build output,
# run as a non-root user with its data in the /app/data volume).
ARG NODE_IMAGE=node:24-bookworm-slim

FROM ${NODE_IMAGE} AS deps
WORKDIR /app
ENV NEXT_TELEMETRY_DISABLED=1 \
    npm_config_update_notifier=false \
    # node-gyp builds against the headers that come with this Node instead of downloading them
    npm_config_nodedir=/usr/local
# better-sqlite3 compiles from source where no prebuilt binary can be fetched (offline, other CPUs).
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json prisma.config.ts ./
COPY prisma ./prisma
COPY scripts/prisma-tools.ts ./scripts/
RUN npm ci --no-audit --no-fund && npm cache clean --force

FROM deps AS build
COPY . .
# The build, then only what `node dist/server/main.mjs` loads: no dev dependencies, none of the
# build tools that `npm start` keeps for building on the host, no build cache.
RUN npm run build \
 && node scripts/image/prune.mjs \
 && rm -rf .next/cache && mkdir .next/cache

FROM ${NODE_IMAGE} AS runtime
WORKDIR /app
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    PORT=3000 \
    DATA_DIR=/app/data \
    DATABASE_URL=file:/app/data/stowage.db
RUN groupadd --gid 10001 stowage \
 && useradd --uid 10001 --gid stowage --no-create-home --home-dir /app/data --shell /usr/sbin/nologin stowage \
 && mkdir -p /app/data && chown stowage:stowage /app/data && chmod 700 /app/data
# The code belongs to root and is read-only for the app; it writes only to the volume and Next's cache.
COPY --from=build /app/package.json /app/next.config.js ./
COPY --from=build /app/lib/http/security-headers.js ./lib/http/security-headers.js
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/public ./public
COPY --from=build /app/prisma ./prisma
COPY --from=build /app/dist ./dist
COPY --from=build /app/.next ./.next
RUN chown stowage:stowage .next/cache
USER stowage
VOLUME /app/data
EXPOSE 3000
# The app's own health endpoint (database and storage); Node's fetch, as the image has no curl.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT}/api/health`).then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# Node itself is the command (no npm, no shell), so `docker stop`'s SIGTERM reaches the server,
# which drains requests in flight and exits 0. It applies migrations before serving.
CMD ["node", "dist/server/main.mjs"]
