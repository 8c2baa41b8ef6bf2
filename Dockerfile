# The ledger service: `docker build -t qualified-ledger .`, then
# `docker run -p 3000:3000 -v ledger-data:/data qualified-ledger` (see README, "Docker").
# Node.js 24 (LTS): CI runs the test suite on it as well as on the development Node
# (.ci/test-node24).
ARG NODE_IMAGE=node:24-bookworm-slim

# Compiles the TypeScript. Install scripts are skipped: `nest build` runs none of the native
# add-ons, so this stage needs no compiler.
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts
COPY tsconfig.json tsconfig.build.json nest-cli.json ./
COPY src ./src
RUN npm run build

# Production dependencies, with better-sqlite3 compiled (or its prebuilt binary fetched) on the
# same base image as the runtime stage, so the add-on matches its Node ABI and glibc. Only the
# add-on's install script runs, as package.json's allowScripts intends.
FROM ${NODE_IMAGE} AS prod-deps
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts \
  && npm rebuild better-sqlite3 \
  && npm cache clean --force

FROM ${NODE_IMAGE} AS runtime
WORKDIR /app
# package.json is needed at run time: its "type": "module" makes dist/*.js ES modules.
COPY package.json ./
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# The node image's unprivileged user owns the data; the code stays root-owned and read-only.
RUN mkdir /data && chown node:node /data
ENV DATA_DIR=/data
VOLUME ["/data"]
USER node
EXPOSE 3000 3001
# Ready when the ingest API answers /health (200 once the event store answers). A container
# started without the ingest role needs its own healthcheck.
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.INGEST_PORT || 3000) + '/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["node", "dist/main.js"]
CMD ["serve"]
