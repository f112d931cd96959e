# syntax=docker/dockerfile:1.6
# ARG BASE built from ARG NODE_VERSION and used in FROM; a secret in a multi-pair ENV; USER set, then reset to root;
# curl | bash over continuation lines; ONBUILD; RUN --mount=type=secret (no leak).
ARG NODE_VERSION=20.10
ARG BASE=node:${NODE_VERSION}-bookworm-slim
FROM ${BASE} AS deps
WORKDIR /src
COPY package.json package-lock.json ./
RUN --mount=type=secret,id=npmrc,target=/root/.npmrc \
    --mount=type=cache,target=/root/.npm \
    npm ci --omit=dev

FROM deps AS build
COPY . .
RUN npm run build

FROM ${BASE}
ENV NODE_ENV=production PORT=3000 \
    SESSION_SECRET=Sup3rS3cretPassw0rd DEBUG=false
USER node
COPY --from=build --chown=node:node /src/dist /app
COPY --from=deps /src/node_modules /app/node_modules
USER root
RUN apt-get update && apt-get install -y curl && \
    curl -fsSL https://deb.nodesource.com/setup_20.x \
      | bash -
EXPOSE 3000 22
ONBUILD ADD . /app/src
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
CMD ["node", "/app/index.js"]
