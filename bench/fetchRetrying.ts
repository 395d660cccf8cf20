/**
 * fetch, tried again when a reused keep-alive connection was reset before any answer (the
 * server closed it idle as the request left), as browsers do; anything else is thrown.
 */
export async function fetchRetrying(url: string, init: RequestInit, tries = 3): Promise<Response> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fetch(url, init);
    } catch (e) {
      const code = ((e as Error).cause as NodeJS.ErrnoException | undefined)?.code;
      if (attempt >= tries || (code !== 'ECONNRESET' && code !== 'UND_ERR_SOCKET')) throw e;
    }
  }
}
