# syntax=docker/dockerfile:1
# One production image for every Schakel process: the API (default command, serves the web console under
# /app), the worker, the outbox relay, the reconciler and the migration job. The compose file and the
# Kubernetes manifests pick the process with the command; docs/deployment.md lists them.
#
# Reproducible from the lock files (`npm ci`); the final stage holds production dependencies only, the
# compiled apps, the built console and the demo models, and runs as the image's unprivileged `node` user,
# named by number (1000:1000) so Kubernetes can verify runAsNonRoot.
# Checked in `npm test` by hadolint and scripts/deploy/check-image-paths.ts (no Docker engine needed).

ARG NODE_IMAGE=node:20.20.2-bookworm-slim

# Production dependencies only, installed from package-lock.json.
FROM ${NODE_IMAGE} AS production-dependencies
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

# Everything needed to compile: the API, worker and libraries (nest build) and the web console (vite build).
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY apps/web/package.json apps/web/package-lock.json apps/web/
RUN npm ci --prefix apps/web --no-audit --no-fund
COPY nest-cli.json tsconfig.json tsconfig.build.json ./
COPY libs libs
COPY apps apps
# The console asks the API at run time how to sign in (GET /auth/providers): one image for every deployment.
RUN npm run build && npm run build --prefix apps/web

FROM ${NODE_IMAGE} AS runtime
LABEL org.opencontainers.image.title="Schakel" \
      org.opencontainers.image.description="API, worker, relay, reconciler and web console of Schakel" \
      org.opencontainers.image.licenses="EUPL-1.2"
ENV NODE_ENV=production \
    PORT=3000
WORKDIR /app
COPY package.json ./
COPY models models
COPY --from=production-dependencies /app/node_modules node_modules
COPY --from=build /app/dist dist
COPY --from=build /app/apps/web/dist apps/web/dist
# Files stay owned by root and read-only for the process; nothing under /app is written at run time.
USER 1000:1000
EXPOSE 3000
# The API answers /health on PORT; the relay and reconciler answer it on HEALTH_PORT. The worker has no
# HTTP port: compose and Kubernetes switch this check off for it.
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.HEALTH_PORT || process.env.PORT}/health`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/apps/api/src/main.js"]
