# The bot as one image: built in a stage with the dev dependencies, run with node itself on the
# built JavaScript (no npm or shell in between, so SIGTERM from `docker stop` reaches the bot and
# it drains the answers in flight). Data is baked in at /app/data; mount another directory and
# set DATA_DIR to serve that instead. STATE_DIR is a volume's mount point.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production STATE_DIR=/state
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && mkdir /state && chown node:node /state
COPY --from=build /app/dist ./dist
COPY data ./data
USER node
CMD ["node", "dist/main.js"]
