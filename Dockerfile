# The Assay application image (API and worker; ASSAY_ROLE picks). Production
# shape: see docker-compose.yml. Candidate code never runs in this image: the
# worker starts sandbox containers on the host's Docker engine.
FROM node:24-slim AS build
WORKDIR /src
COPY package.json package-lock.json ./
COPY shared/package.json shared/
COPY server/package.json server/
COPY client/package.json client/
RUN npm install --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:24-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /src/package.json ./
COPY --from=build /src/node_modules ./node_modules
COPY --from=build /src/shared ./shared
COPY --from=build /src/server/package.json ./server/
COPY --from=build /src/server/dist ./server/dist
COPY --from=build /src/client/dist ./client/dist
COPY --from=build /src/sandboxes ./sandboxes
COPY --from=build /src/challenges ./challenges
EXPOSE 3000
CMD ["node", "--enable-source-maps", "server/dist/main.cjs"]
