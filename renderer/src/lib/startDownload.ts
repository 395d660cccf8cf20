/** Starts the browser's download of a URL under a file name: a temporary `<a download>` (a navigation, which the page's CSP allows). */
export function startDownload(url: string, fileName: string): void {
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
}
