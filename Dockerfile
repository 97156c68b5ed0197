# One image for every Accord node. Built in stages: the build stage has every dev tool and compiles the web
# client and the server to JavaScript; the runtime stage has production dependencies only, runs as the
# unprivileged `node` user, and starts the server as `node` itself under tini, so `docker stop`'s SIGTERM
# reaches the server and its drain (readiness 503, sockets closed with 4504, writes flushed) runs.
# Node 24 is an LTS line (support into 2028); kysely needs Node 22 or newer.
ARG NODE_IMAGE=node:24-bookworm-slim

FROM ${NODE_IMAGE} AS manifests
WORKDIR /app
# Only the package manifests, so the dependency layers are rebuilt when dependencies change, not on every edit.
COPY package.json package-lock.json ./
COPY apps/server/package.json apps/server/
COPY apps/web/package.json apps/web/
COPY apps/bench/package.json apps/bench/
COPY db/package.json db/
COPY e2e/package.json e2e/
COPY packages/cli/package.json packages/cli/
COPY packages/core/package.json packages/core/
COPY packages/protocol/package.json packages/protocol/
COPY packages/render/package.json packages/render/

FROM manifests AS build
ENV TURBO_TELEMETRY_DISABLED=1 NPM_CONFIG_UPDATE_NOTIFIER=false
RUN npm ci --no-audit --no-fund
COPY . .
RUN npx turbo run build --filter=@accord/web --filter=@accord/server --output-logs=errors-only

FROM manifests AS production-dependencies
ENV NPM_CONFIG_UPDATE_NOTIFIER=false
# What the built server and CLI import at run time, and nothing else (no web, e2e or bench packages).
RUN npm ci --omit=dev --no-audit --no-fund --workspace=@accord/server --workspace=@accord/cli \
  && npm cache clean --force

FROM ${NODE_IMAGE} AS runtime
RUN apt-get update && apt-get install -y --no-install-recommends tini && rm -rf /var/lib/apt/lists/*
WORKDIR /app
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    DATA_DIR=/data
COPY --from=production-dependencies --chown=root:root /app /app
COPY --from=build /app/apps/server/dist /app/apps/server/dist
COPY --from=build /app/apps/web/dist /app/apps/web/dist
# The embedded database's folder (unused when DATABASE_URL names a PostgreSQL). Owned by the `node` user:
# the code is read-only to the process, the data folder is the only place it writes.
RUN mkdir -p /data && chown node:node /data
VOLUME ["/data"]
USER node
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/readyz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# tini is PID 1: it forwards SIGTERM to the server and reaps zombies; the server is `node`, not npm or tsx.
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["node", "apps/server/dist/server.mjs"]
