import { createConfig, lintFromString } from '@redocly/openapi-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../test/helpers.js';
import { OPERATIONS } from './openapi-catalogue.js';
import { buildOpenApiDocument } from './openapi-document.js';

type Operation = { summary?: string; operationId?: string; responses?: Record<string, unknown> };
type Document = { paths: Record<string, Record<string, Operation>> };

/** `GET /api/v1/hosts/:id` for the document's `/api/v1/hosts/{id}` get. */
const keyOf = (method: string, path: string) => `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`;

describe('OpenAPI document (issue 11, defect 16)', () => {
  let db: TestDb;
  let doc: Document;
  let operations: { key: string; op: Operation }[];
  beforeAll(async () => {
    db = await createTestDb();
    doc = (await buildOpenApiDocument(db)) as unknown as Document;
    operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({ key: keyOf(method, path), op })),
    );
  }, 180_000);
  afterAll(async () => {
    await db.drop();
  });

  it('documents every operation in a module catalogue (modules/<m>/<m>.openapi.ts), and nothing else', () => {
    const keys = operations.map((o) => o.key);
    expect(keys.filter((key) => !OPERATIONS[key])).toEqual([]);
    expect(Object.keys(OPERATIONS).filter((key) => !keys.includes(key))).toEqual([]);
  });

  it('gives every operation a summary, a unique operationId and its error responses', () => {
    const ids = operations.map((o) => o.op.operationId);
    expect(operations.filter((o) => !o.op.summary || !o.op.operationId).map((o) => o.key)).toEqual([]);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    const errors = (key: string) =>
      Object.keys(operations.find((o) => o.key === key)?.op.responses ?? {}).filter((s) => /^[45]/.test(s));
    // From the route's declaration: signed in, a permission, a parameter, a body.
    expect(errors('PATCH /api/v1/hosts/:id')).toEqual(['400', '401', '403', '404', '409', '413', '415']);
    // From the catalogue: the codes of its own service.
    expect(errors('POST /api/v1/auth/login')).toEqual(expect.arrayContaining(['401', '403', '423', '429']));
    const conflict = operations.find((o) => o.key === 'POST /api/v1/users')?.op.responses?.['409'];
    expect(JSON.stringify(conflict)).toContain('EMAIL_TAKEN');
  });

  it('passes redocly lint with the recommended rules without an error', async () => {
    const config = await createConfig({ extends: ['recommended'] });
    const problems = await lintFromString({ source: JSON.stringify(doc), absoluteRef: 'openapi.json', config });
    const errors = problems
      .filter((p) => p.severity === 'error')
      .map((p) => `${p.ruleId}: ${p.message} at ${p.location[0]?.pointer ?? '?'}`);
    expect(errors).toEqual([]);
  }, 60_000);
});
