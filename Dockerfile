# The relay alone (no desktop app, no models): docs/relay-cluster.md. Build from the repository root:
#   docker build -t relay .
FROM node:20-bookworm-slim AS build
WORKDIR /app
# better-sqlite3 compiles from source when no prebuilt binary fits this platform.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json .npmrc ./
# No install scripts (Electron's download, the model runtime's): only the two native parts the relay build needs.
RUN npm ci --ignore-scripts --no-audit --no-fund && npm rebuild better-sqlite3 esbuild
COPY tsconfig.base.json tsconfig.relay.json vite.webchat.config.ts ./
COPY src-shared src-shared
COPY src-node src-node
COPY src-relay src-relay
COPY src-webchat src-webchat
COPY resources resources
RUN npm run build:webchat && npx tsc -p tsconfig.relay.json && npm prune --omit=dev

FROM node:20-bookworm-slim
ENV NODE_ENV=production RELAY_HOST=0.0.0.0 RELAY_PORT=8787 RELAY_DB=/data/relay.sqlite
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules node_modules
COPY --from=build /app/dist dist
COPY --from=build /app/resources resources
# The SQLite file when RELAY_DATABASE_URL is not set (one node only); owned by the image's unprivileged user.
RUN mkdir /data && chown node:node /data
VOLUME /data
USER node
EXPOSE 8787
# Liveness only: readiness (/readyz) is the balancer's to check, so an outage of PostgreSQL does not restart every node.
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+process.env.RELAY_PORT+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# SIGTERM drains (docs/relay-cluster.md); give it longer than RELAY_DRAIN_TIMEOUT_MS, e.g. docker stop -t 30.
STOPSIGNAL SIGTERM
CMD ["node", "dist/src-relay/cli.js"]
