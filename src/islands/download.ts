/**
 * Saves text as a file through the browser's download: the one way every island writes a file (an
 * attempt, a progress export, set-aside data, the class table as CSV). Nothing leaves the browser.
 */
export function downloadText(fileName: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  // Revoked a moment later: some browsers start the download only after the click handler returns.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Saves a value as an indented JSON file (text is written as it is). */
export function downloadJson(fileName: string, value: unknown): void {
  downloadText(fileName, typeof value === 'string' ? value : JSON.stringify(value, null, 2), 'application/json');
}
