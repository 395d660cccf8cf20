import { MAX_UPLOAD_BYTES } from '../../../shared/uploadLimit.js';
import { UserError } from '../userError.js';

export { MAX_UPLOAD_BYTES };

/** The bytes of an upload (base64, or UTF-8 text), refused with a one-line message when too large. */
export function uploadBytes(
  fileName: string,
  input: { content: string; base64?: string | undefined },
): Uint8Array {
  const size =
    input.base64 !== undefined
      ? Math.floor((input.base64.length * 3) / 4)
      : Buffer.byteLength(input.content);
  if (size > MAX_UPLOAD_BYTES) {
    const mb = MAX_UPLOAD_BYTES / 1024 / 1024;
    throw new UserError(
      `${fileName} is larger than the ${mb} MB an upload may be; import it by path instead (benchtop import FILE)`,
    );
  }
  return input.base64 !== undefined
    ? Buffer.from(input.base64, 'base64')
    : new TextEncoder().encode(input.content);
}
