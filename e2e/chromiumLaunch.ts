/**
 * How the e2e suite and the browser benches start Chromium: Debian's build (never
 * `npx playwright install` here), without the sandbox, GPU or background traffic.
 */
export const CHROMIUM_LAUNCH = {
  executablePath: '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
};
