import { existsSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { type Browser, chromium, type Page } from "playwright-core";

/** Debian's Chromium (`.ci/run` installs it); playwright-core never downloads a browser of its own. */
export const CHROMIUM = "/usr/bin/chromium";

/**
 * Headless Chromium as this machine runs it: no sandbox (root), no GPU, and none of Chromium's own
 * background connections (the machine's closed network refuses them, and a report must make none).
 */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `no Chromium at ${CHROMIUM}: install Debian's chromium (apt-get install chromium), as .ci/run does`,
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-default-apps",
      "--disable-extensions",
    ],
  });
}

/** A page of a report, with what it logged and requested since it was opened. */
export interface OpenedReport {
  page: Page;
  /** Console errors and uncaught exceptions. */
  errors: string[];
  /** Every URL the page requested (the report itself included). */
  requests: string[];
  /** The report's URL. */
  url: string;
  /** From navigation to the sample browser being ready, as the page measured it (ms). */
  readyMs: number;
  /** From asking the page to load the file to the sample browser being ready, measured here (ms). */
  openMs: number;
  /** Opening the (empty) tab before that: the browser's own cost, whatever the page (ms). */
  tabMs: number;
}

/** Opens a report file and waits until its script has decoded the index and listed the samples. */
export async function openReport(
  browser: Browser,
  file: string,
  viewport = { width: 1440, height: 900 },
): Promise<OpenedReport> {
  const tabStarted = performance.now();
  const page = await browser.newPage({ viewport });
  const tabMs = performance.now() - tabStarted;
  const errors: string[] = [];
  const requests: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(String(error)));
  page.on("request", (request) => requests.push(request.url()));
  const url = pathToFileURL(file).href;
  const started = performance.now();
  await page.goto(url, { waitUntil: "commit" });
  await page.waitForSelector("body[data-ready], body[data-error]", { state: "attached", timeout: 60_000 });
  const openMs = performance.now() - started;
  const failed = await page.getAttribute("body", "data-error");
  if (failed) throw new Error(`the report's script failed: ${failed}`);
  const readyMs = Number(await page.getAttribute("body", "data-ready"));
  return { page, errors, requests, url, readyMs, openMs, tabMs };
}
