// The page is built into web/dist, which crates/brink-serve embeds at compile time.
// `npm run dev` serves it with hot reload and forwards /api to a running `brink serve`
// (BRINK_API, default http://127.0.0.1:8080). brink serve refuses requests that name another
// host or origin, so the proxy presents itself as the server's own client.
import { defineConfig } from "vite";

const api = process.env.BRINK_API ?? "http://127.0.0.1:8080";

export default defineConfig({
  base: "./",
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // One page, no code splitting needed; keep the chunk warning for real regressions.
    chunkSizeWarningLimit: 1500,
  },
  server: {
    proxy: {
      "/api": {
        target: api,
        changeOrigin: true,
        configure: (proxy) => proxy.on("proxyReq", (request) => request.removeHeader("origin")),
      },
    },
  },
});
