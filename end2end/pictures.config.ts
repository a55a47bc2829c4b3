// The README's pictures, taken from the live panel: `scripts/pictures` (not part of the tests).
import base from "./playwright.config";
import { defineConfig } from "@playwright/test";

export default defineConfig({
  ...base,
  testDir: "./pictures",
  outputDir: "./test-results/pictures",
  projects: [{ name: "pictures", use: { viewport: { width: 1366, height: 940 } } }],
});
