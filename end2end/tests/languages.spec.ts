// Languages: the browser's by default, switchable on every page, remembered, the same words
// from the server and after hydration.
import { test, expect, openPanel, resetSimulator, logIn } from "./fixtures";

test.beforeEach(async ({ page }) => resetSimulator(page));

test.describe("a French browser", () => {
  test.use({ locale: "fr-FR" });
  test("gets the panel in French from the first byte", async ({ page }) => {
    const html = await (await page.request.get("/login", { headers: { "accept-language": "fr-FR,fr;q=0.9,en;q=0.5" } })).text();
    expect(html).toContain('lang="fr"');
    expect(html).toContain("Connectez-vous avec votre compte JOC Cockpit.");
    await openPanel(page);
    await expect(page.locator("#panel-title")).toHaveText("Statut du Produit");
    const cluster = page.locator("svg.panel g.node.cluster");
    await expect(cluster).toHaveAttribute("aria-label", "Cluster Contrôleur : Couplé");
    await expect(cluster).toContainText("Couplé");
    await expect(page.locator("svg.panel g.node.controller").first()).toContainText("Nœud Cluster : actif");
    await expect(page.locator(".status")).toContainText("En direct");
  });
});

test.describe("a German browser", () => {
  test.use({ locale: "de-DE" });
  test("gets German, switches to English and back without reloading, and keeps the choice", async ({ page }) => {
    await openPanel(page);
    await expect(page.locator("#panel-title")).toHaveText("Produktstatus");
    await expect(page.locator("svg.panel g.node.cluster")).toContainText("Gekoppelt");
    const select = page.locator(".user-bar .lang select");
    await select.selectOption("en");
    await expect(page.locator("#panel-title")).toHaveText("Product Status");
    await expect(page.locator("svg.panel g.node.cluster")).toContainText("Coupled");
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await page.reload();
    await expect(page.locator('main[data-hydrated="true"]')).toBeVisible();
    await expect(page.locator("#panel-title")).toHaveText("Product Status");
    await page.locator(".user-bar .lang select").selectOption("de");
    await expect(page.locator(".user-bar button.logout")).toHaveText("Abmelden");
  });
});

test("the login page offers the switch too", async ({ page }) => {
  await page.goto("/login");
  await expect(page.locator('main[data-hydrated="true"]')).toBeVisible();
  await page.locator(".login select").selectOption("fr");
  await expect(page.locator('button[type="submit"]')).toHaveText("Se connecter");
  await logIn(page, "viewer");
  await expect(page.locator("#panel-title")).toHaveText("Statut du Produit");
});
