/** Saves text or a blob as a file through a temporary object URL. */
export function downloadFile(options: { content: Blob | string; filename: string; type?: string }): void {
  const blob =
    typeof options.content === 'string'
      ? new Blob([options.content], { type: options.type ?? 'text/plain;charset=utf-8' })
      : options.content;
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = options.filename;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}
