/** The largest file the page may send as bytes (browser mode and previews); larger files import by path. */
export const MAX_UPLOAD_BYTES = 256 * 1024 * 1024;
