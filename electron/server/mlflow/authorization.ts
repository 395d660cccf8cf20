/**
 * The token in an `Authorization` header: `Bearer <token>` (what MLFLOW_TRACKING_TOKEN sends) or
 * basic auth whose password is the token (MLFLOW_TRACKING_USERNAME/PASSWORD; the user is ignored).
 */
export function tokenFromAuthorization(header: string | undefined): string | null {
  if (!header) return null;
  const [scheme, value = ''] = header.trim().split(/\s+/, 2);
  if (scheme?.toLowerCase() === 'bearer') return value;
  if (scheme?.toLowerCase() === 'basic') {
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    return colon < 0 ? null : decoded.slice(colon + 1);
  }
  return null;
}
