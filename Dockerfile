# The gateway (and, with `npm run sandbox`, the sandbox manager) as a container. Node 20 LTS.
FROM node:20-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev && npm cache clean --force
COPY . .
ENV HOST=0.0.0.0 PORT=4000
# Runs as the base image's unprivileged `node` user (uid 1000). The code stays owned by root, so the
# process cannot change it; it writes only to the temp folder (the introspected legacy schema, tsx's cache).
USER node
EXPOSE 4000
# Liveness: /healthcheck answers while the process serves. docker-compose.yml checks /readiness instead.
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+process.env.PORT+'/healthcheck').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# The old-generation limit makes V8 collect before it grows: about 270 MB resident under load instead of
# about 360 MB (docs/PERFORMANCE.md).
CMD ["node", "--max-old-space-size=1536", "bin/imagev2-gateway.js", "serve"]
