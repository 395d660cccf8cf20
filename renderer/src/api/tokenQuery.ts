/** `?token=…` for a URL the browser fetches itself (a download, the event stream); '' under the session cookie. */
export const tokenQuery = (token: string): string =>
  token ? `?token=${encodeURIComponent(token)}` : '';
