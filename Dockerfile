# The api, the worker and the one-shot migrate job share this image; docker-compose.yml picks the command.
FROM node:24-bookworm-slim AS build
WORKDIR /app
# The image talks to a Temporal cluster; it needs no Temporal CLI of its own.
ENV MIGNET_SKIP_TEMPORAL_CLI=1
COPY package.json package-lock.json ./
COPY scripts ./scripts
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:24-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production \
    MIGNET_SKIP_TEMPORAL_CLI=1 \
    WORKFLOW_BUNDLE_PATH=/app/dist/workflow-bundle.js \
    MIGNET_DATA_DIR=/data
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
RUN mkdir -p /data && chown node:node /data
USER node
EXPOSE 3000
CMD ["node", "dist/apps/api/main.js"]
