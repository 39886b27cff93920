import { describe, expect, it } from 'vitest';
import { entryPathProblem } from './backup.manifest.js';
import { listBackupTables } from './backup.tables.js';

describe('archive entry names', () => {
  it.each([
    ['manifest.json', 'File'],
    ['tables/users.jsonl', 'File'],
    ['tables/', 'Directory'],
    ['files/evidence/報告.pdf', 'File'],
    ['encryption.key', 'File'],
  ])('accepts %s', (path, type) => {
    expect(entryPathProblem(path, type)).toBeNull();
  });

  it.each([
    ['/etc/passwd', 'File', 'absolute path'],
    ['C:/Windows/x', 'File', 'absolute path'],
    ['files\\..\\x', 'File', 'unsafe path'],
    ['../outside', 'File', 'unsafe path'],
    ['files/../../outside', 'File', 'unsafe path'],
    ['files/./x', 'File', 'unsafe path'],
    ['files/link', 'SymbolicLink', 'not a file'],
    ['files/hard', 'Link', 'not a file'],
    ['node_modules/x.js', 'File', 'unexpected entry'],
  ])('refuses %s', (path, type, reason) => {
    expect(entryPathProblem(path, type)).toContain(reason);
  });
});

describe('backup tables', () => {
  it('orders every table after the tables its foreign keys point to', () => {
    const names = listBackupTables().map((t) => t.name);
    const before = (a: string, b: string) => names.indexOf(a) < names.indexOf(b);
    expect(before('organisations', 'users')).toBe(true);
    expect(before('users', 'sessions')).toBe(true);
    expect(before('users', 'user_scopes')).toBe(true);
    expect(names).toContain('audit_events');
    expect(new Set(names).size).toBe(names.length);
  });

  it('knows the self-referencing and serial columns', () => {
    const tables = listBackupTables();
    expect(tables.find((t) => t.name === 'organisations')?.selfReferencing).toBe(true);
    expect(tables.find((t) => t.name === 'audit_events')).toMatchObject({
      primaryKey: ['seq'],
      serialColumns: ['seq'],
    });
    expect(tables.find((t) => t.name === 'user_scopes')?.primaryKey).toEqual(['user_id', 'org_id']);
  });
});
