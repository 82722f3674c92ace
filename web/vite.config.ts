// The page is built into web/dist, which crates/brink-serve embeds at compile time.
// `npm run dev` serves it with hot reload and forwards /api to a running `brink serve`.
import { defineConfig } from "vite";

export default defineConfig({
  base: "./",
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // One page, no code splitting needed; keep the chunk warning for real regressions.
    chunkSizeWarningLimit: 1500,
  },
  server: {
    proxy: { "/api": "http://127.0.0.1:8080" },
  },
});
