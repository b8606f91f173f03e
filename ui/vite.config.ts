import { defineConfig } from "vitest/config";
import preact from "@preact/preset-vite";
import { seamSchemas } from "./schema-plugin";

// The build lands in one flat folder (no assets/ subfolder) because seam compiles every file
// of it into the binary by name; hashed names let the server cache them for good.
export default defineConfig({
  plugins: [preact(), seamSchemas("../schemas")],
  build: {
    assetsDir: "",
    target: "es2020",
    sourcemap: false,
    modulePreload: { polyfill: false },
  },
  server: { proxy: { "/api": "http://127.0.0.1:8080" } },
  // Unit tests only: e2e/ runs under node's test runner against a real server and browser.
  test: { include: ["src/**/*.test.ts"] },
});
