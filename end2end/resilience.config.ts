// Resilience runs (`scripts/bench`): bounded, loopback only, each stops by itself. The server
// runs at real speed.
import bench from "./bench.config";
import { defineConfig } from "@playwright/test";

export default defineConfig({
  ...bench,
  testDir: "./resilience",
  testMatch: "**/*.spec.ts",
  outputDir: "./test-results/resilience",
});
