# One image for every Accord node: the web client is built, the server runs through tsx.
FROM node:20-bookworm-slim
WORKDIR /app
COPY . .
RUN npm ci --no-audit --no-fund && npm run build
ENV NODE_ENV=production
EXPOSE 3000
CMD ["npm", "run", "start", "-w", "@accord/server"]
