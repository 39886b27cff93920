import { describe, expect, it } from 'vitest';
import {
  classifyContent,
  ContentSniffer,
  extensionOf,
  looksExecutable,
  sanitizeFileName,
} from './attachments.content.js';

const bytes = (...values: number[]) => Uint8Array.from(values);

function sniff(...chunks: (string | Uint8Array)[]) {
  const sniffer = new ContentSniffer();
  for (const chunk of chunks) {
    sniffer.update(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  }
  return sniffer.result();
}

describe('sanitizeFileName', () => {
  it('keeps Chinese names and drops any path', () => {
    expect(sanitizeFileName('風險評估報告.pdf')).toBe('風險評估報告.pdf');
    expect(sanitizeFileName('C:\\Users\\me\\Desktop\\契約.docx')).toBe('契約.docx');
    expect(sanitizeFileName('../../etc/passwd')).toBe('passwd');
  });

  it('removes control and reserved characters, leading dots and trailing dots or spaces', () => {
    expect(sanitizeFileName('a\u0000b\r\nc.txt')).toBe('abc.txt');
    expect(sanitizeFileName('what?<is>"this"|.pdf')).toBe('what__is__this__.pdf');
    expect(sanitizeFileName('...hidden')).toBe('hidden');
    expect(sanitizeFileName('report.pdf. . ')).toBe('report.pdf');
    expect(sanitizeFileName('  many   spaces .txt')).toBe('many spaces .txt');
  });

  it('names an empty result and normalises to NFC', () => {
    expect(sanitizeFileName('')).toBe('attachment');
    expect(sanitizeFileName('...')).toBe('attachment');
    expect(sanitizeFileName('cafe\u0301.txt')).toBe('caf\u00e9.txt');
  });

  it('shortens to 255 characters, keeping the extension', () => {
    const long = `${'資'.repeat(300)}.xlsx`;
    const clean = sanitizeFileName(long);
    expect([...clean].length).toBe(255);
    expect(clean.endsWith('資.xlsx')).toBe(true);
  });
});

describe('extensionOf', () => {
  it('takes the last extension, lower-cased', () => {
    expect(extensionOf('report.PDF.EXE')).toBe('exe');
    expect(extensionOf('README')).toBe('');
    expect(extensionOf('.bashrc')).toBe('');
  });
});

describe('looksExecutable', () => {
  it('recognises PE, ELF, Mach-O, universal binaries and #! scripts', () => {
    expect(looksExecutable(Buffer.from('MZ\x90\x00'))).toBe(true);
    expect(looksExecutable(bytes(0x7f, 0x45, 0x4c, 0x46, 2))).toBe(true);
    expect(looksExecutable(bytes(0xcf, 0xfa, 0xed, 0xfe))).toBe(true);
    expect(looksExecutable(bytes(0xfe, 0xed, 0xfa, 0xce))).toBe(true);
    expect(looksExecutable(bytes(0xca, 0xfe, 0xba, 0xbe))).toBe(true);
    expect(looksExecutable(Buffer.from('#!/bin/sh\n'))).toBe(true);
    expect(looksExecutable(Buffer.from('\ufeff#!/usr/bin/env node'))).toBe(true);
  });

  it('leaves documents alone', () => {
    expect(looksExecutable(Buffer.from('%PDF-1.7'))).toBe(false);
    expect(looksExecutable(Buffer.from('# heading\n'))).toBe(false);
    expect(looksExecutable(bytes())).toBe(false);
  });
});

describe('ContentSniffer', () => {
  it('accepts UTF-8 text split inside a multi-byte character', () => {
    const text = Buffer.from('系統名稱,網址\n');
    expect(sniff(text.subarray(0, 1), text.subarray(1)).isText).toBe(true);
  });

  it('refuses NUL bytes, invalid UTF-8 and text cut inside a character', () => {
    expect(sniff('abc', bytes(0)).isText).toBe(false);
    expect(sniff(bytes(0xc3, 0x28)).isText).toBe(false);
    expect(sniff(Buffer.from('系').subarray(0, 2)).isText).toBe(false);
  });

  it('keeps the first bytes across chunks', () => {
    expect(Buffer.from(sniff('#', '!/bin/sh and then a lot more text').head).toString()).toBe('#!/bin/sh and th');
  });
});

describe('classifyContent', () => {
  const pdfHead = Buffer.from('%PDF-1.7\n');

  it('takes the detected type when it is on the list', () => {
    expect(classifyContent({ fileName: 'a.bin', detected: 'application/pdf', head: pdfHead, isText: false })).toEqual({
      accepted: true,
      mimeType: 'application/pdf',
    });
  });

  it('refuses detected types not on the list', () => {
    for (const detected of ['application/zip', 'application/x-cfb', 'application/java-archive', 'image/svg+xml']) {
      expect(classifyContent({ fileName: 'a.dat', detected, head: bytes(0x50, 0x4b), isText: false })).toEqual({
        accepted: false,
        reason: 'type',
      });
    }
  });

  it('refuses executables by content whatever the name says', () => {
    expect(
      classifyContent({ fileName: 'invoice.pdf', detected: undefined, head: Buffer.from('#!/bin/sh'), isText: true }),
    ).toEqual({ accepted: false, reason: 'executable' });
    expect(
      classifyContent({
        fileName: 'invoice.pdf',
        detected: 'application/x-msdownload',
        head: Buffer.from('MZ'),
        isText: false,
      }),
    ).toEqual({ accepted: false, reason: 'executable' });
  });

  it('refuses executable extensions whatever the content', () => {
    for (const fileName of ['setup.exe', 'run.BAT', 'x.ps1', 'install.sh', 'app.js', 'lib.jar', 'a.pdf.scr']) {
      expect(classifyContent({ fileName, detected: undefined, head: Buffer.from('hello'), isText: true })).toEqual({
        accepted: false,
        reason: 'extension',
      });
    }
  });

  it('accepts text without a magic number as CSV or plain text, and refuses unknown binary', () => {
    const head = Buffer.from('a,b\n');
    expect(classifyContent({ fileName: '清冊.csv', detected: undefined, head, isText: true })).toEqual({
      accepted: true,
      mimeType: 'text/csv',
    });
    expect(classifyContent({ fileName: 'notes', detected: undefined, head, isText: true })).toEqual({
      accepted: true,
      mimeType: 'text/plain',
    });
    expect(classifyContent({ fileName: 'blob.txt', detected: undefined, head: bytes(1, 2), isText: false })).toEqual({
      accepted: false,
      reason: 'unknown',
    });
  });
});
