# Parity for deployers. Build: docker build -t parity .  Run: see README "Configuration".
FROM node:24-slim AS build
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
RUN npm ci
COPY . .
RUN npm run i18n && npx vite build && npm prune --omit=dev

FROM node:24-slim
WORKDIR /app
ENV NODE_ENV=production PORT=3000 HOST=0.0.0.0 DEMO=false
COPY --from=build /app/package.json /app/server.js ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/build ./build
# server.js shares the security headers with the app bundle.
COPY --from=build /app/src/lib/server/http/security-headers.js ./src/lib/server/http/security-headers.js
COPY --from=build /app/src/lib/server/http/upload-limits.js ./src/lib/server/http/upload-limits.js
RUN mkdir -p /app/data && chown node:node /app/data
USER node
VOLUME ["/app/data"]
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "server.js"]
