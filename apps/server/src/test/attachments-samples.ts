import { zipOf } from './import-samples.js';

/** Sample files and a hand-built multipart body for attachment tests. */

/** A ZIP archive of the given texts or bytes, in order (test/import-samples.ts writes it). */
function zipOfContents(entries: { name: string; content: string | Buffer }[]): Buffer {
  return zipOf(
    entries.map((e) => ({
      name: e.name,
      data: Buffer.isBuffer(e.content) ? e.content : Buffer.from(e.content, 'utf8'),
    })),
  );
}

export const SAMPLES = {
  pdf: Buffer.from(
    '%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\n' +
      'trailer <</Root 1 0 R>>\n%%EOF\n',
  ),
  /** A 1×1 transparent PNG. */
  png: Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
    'base64',
  ),
  docx: zipOfContents([
    {
      name: '[Content_Types].xml',
      content:
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        '<Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    },
    {
      name: 'word/document.xml',
      content:
        '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
        '<w:body><w:p><w:r><w:t>風險評估</w:t></w:r></w:p></w:body></w:document>',
    },
  ]),
  zip: zipOfContents([{ name: 'setup.exe', content: Buffer.from('MZ\x90\x00') }]),
  text: Buffer.from('系統名稱,網址\n教務系統,https://example.edu.tw\n'),
  /** The start of a Windows program: MZ, then a PE header offset. */
  pe: Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), Buffer.alloc(120)]),
  elf: Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(56)]),
  script: Buffer.from('#!/bin/sh\nrm -rf /\n'),
};

export type MultipartPart =
  { name: string; value: string } | { name: string; filename: string; content: Buffer; contentType?: string };

/**
 * A multipart/form-data body as a browser sends it: file names as raw UTF-8 in the
 * Content-Disposition header.
 */
export function multipartBody(
  parts: MultipartPart[],
  boundary = '----CustodianBoundary7MA4YWxkTrZu0gW',
): { payload: Buffer; headers: Record<string, string> } {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    if ('value' in part) {
      chunks.push(
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"\r\n\r\n${part.value}\r\n`),
      );
    } else {
      chunks.push(
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"; filename="${part.filename}"\r\n` +
            `Content-Type: ${part.contentType ?? 'application/octet-stream'}\r\n\r\n`,
        ),
        part.content,
        Buffer.from('\r\n'),
      );
    }
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** The usual upload: owner fields first, then the file. */
export function uploadBody(options: { ownerType: string; ownerId: string; filename: string; content: Buffer }) {
  return multipartBody([
    { name: 'ownerType', value: options.ownerType },
    { name: 'ownerId', value: options.ownerId },
    { name: 'file', filename: options.filename, content: options.content },
  ]);
}
