import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { MODULES } from '../index.js';
import { buildAuditCatalog } from './audit.labels.js';

/*
 * Every audit action the server writes has a zh-TW and an English label registered by a
 * module (ADR 0018), and every kind of target a label. The actions are read from the source:
 * each `recordAudit(tx, deps, ctx, { action, targetType })` call, where `action` is a string
 * literal, a choice between literals or a constant. A call whose action cannot be read that
 * way fails the test, so no new action escapes it.
 */

const SERVER_SRC = fileURLToPath(new URL('../..', import.meta.url));

type Written = { value: string; where: string };
type Scan = { actions: Written[]; targetTypes: Written[]; unreadable: string[] };

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      return entry.name === 'test' ? [] : sourceFiles(path);
    }
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

/** `const NAME = 'literal'` declarations, for actions named by a constant. */
function stringConstants(files: readonly ts.SourceFile[]): Map<string, string> {
  const constants = new Map<string, string>();
  for (const file of files) {
    const visit = (node: ts.Node): void => {
      if (
        ts.isVariableDeclaration(node) &&
        ts.isIdentifier(node.name) &&
        node.initializer &&
        ts.isStringLiteralLike(node.initializer)
      ) {
        constants.set(node.name.text, node.initializer.text);
      }
      ts.forEachChild(node, visit);
    };
    visit(file);
  }
  return constants;
}

/** The string values an expression can take, or undefined when it cannot be read statically. */
function valuesOf(expr: ts.Expression, constants: ReadonlyMap<string, string>): string[] | undefined {
  if (ts.isStringLiteralLike(expr)) {
    return [expr.text];
  }
  if (ts.isParenthesizedExpression(expr) || ts.isAsExpression(expr) || ts.isSatisfiesExpression(expr)) {
    return valuesOf(expr.expression, constants);
  }
  if (ts.isConditionalExpression(expr)) {
    const a = valuesOf(expr.whenTrue, constants);
    const b = valuesOf(expr.whenFalse, constants);
    return a && b ? [...a, ...b] : undefined;
  }
  if (ts.isIdentifier(expr)) {
    const value = constants.get(expr.text);
    return value === undefined ? undefined : [value];
  }
  return undefined;
}

/** The actions and target types of every `recordAudit` call in the given sources. */
export function scanAuditWrites(sources: readonly { path: string; text: string }[]): Scan {
  const files = sources.map((s) => ts.createSourceFile(s.path, s.text, ts.ScriptTarget.Latest, true));
  const constants = stringConstants(files);
  const scan: Scan = { actions: [], targetTypes: [], unreadable: [] };
  for (const file of files) {
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'recordAudit') {
        const where = `${relative(SERVER_SRC, file.fileName)}:${file.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
        const input = node.arguments[3];
        if (!input || !ts.isObjectLiteralExpression(input)) {
          scan.unreadable.push(`${where}: the event is not an object literal`);
        } else {
          readProperty(input, 'action', where, (value) => scan.actions.push({ value, where }), scan);
          readProperty(input, 'targetType', where, (value) => scan.targetTypes.push({ value, where }), scan, {
            optional: true,
          });
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(file);
  }
  return scan;

  function readProperty(
    input: ts.ObjectLiteralExpression,
    name: string,
    where: string,
    add: (value: string) => void,
    out: Scan,
    options: { optional?: boolean } = {},
  ): void {
    const property = input.properties.find(
      (p): p is ts.PropertyAssignment => ts.isPropertyAssignment(p) && ts.isIdentifier(p.name) && p.name.text === name,
    );
    if (!property) {
      // Spread from a local object (`...base`) is allowed for the target only.
      if (!options.optional) {
        out.unreadable.push(`${where}: no literal \`${name}\``);
      }
      return;
    }
    const values = valuesOf(property.initializer, constants);
    if (values) {
      values.forEach(add);
    } else if (!options.optional) {
      out.unreadable.push(`${where}: \`${name}\` is not a literal, a choice of literals or a constant`);
    }
  }
}

function scanServer(): Scan {
  return scanAuditWrites(sourceFiles(SERVER_SRC).map((path) => ({ path, text: readFileSync(path, 'utf8') })));
}

describe('audit labels (ADR 0018)', () => {
  const catalog = buildAuditCatalog(MODULES);
  const scan = scanServer();

  it('reads the action of every recordAudit call in the server', () => {
    expect(scan.unreadable).toEqual([]);
    // The scan finds the writes it should: a sample across modules.
    const found = new Set(scan.actions.map((a) => a.value));
    for (const code of ['system.create', 'auth.login', 'audit.prune', 'user.unlock', 'user.update', 'backup.create']) {
      expect(found).toContain(code);
    }
  });

  it('has a zh-TW and an English label for every action written', () => {
    const missing = scan.actions.filter((a) => !catalog.actions.has(a.value)).map((a) => `${a.value} (${a.where})`);
    expect(missing).toEqual([]);
    for (const { code, label } of catalog.actions.values()) {
      expect(label['zh-TW'], code).toMatch(/\p{Script=Han}/u);
      expect(label.en, code).toMatch(/^[A-Z][\x20-\x7e]+$/);
    }
  });

  it('registers no action that nothing writes', () => {
    const written = new Set(scan.actions.map((a) => a.value));
    expect([...catalog.actions.keys()].filter((code) => !written.has(code))).toEqual([]);
  });

  it('has a label for every literal target type written', () => {
    const missing = scan.targetTypes.filter((t) => !catalog.targets.has(t.value)).map((t) => `${t.value} (${t.where})`);
    expect(missing).toEqual([]);
    for (const [type, target] of catalog.targets) {
      expect(target.label['zh-TW'], type).toMatch(/\p{Script=Han}/u);
      expect(target.label.en, type).not.toBe('');
    }
  });

  it('fails for a new action without a label, and for an action it cannot read', () => {
    const fixture = scanAuditWrites([
      {
        path: join(SERVER_SRC, 'modules/widgets/widgets.service.ts'),
        text: [
          "const RENAME = 'widget.rename';",
          "await recordAudit(tx, deps, ctx, { action: 'widget.frobnicate', targetType: 'widget' });",
          'await recordAudit(tx, deps, ctx, { action: RENAME, targetType: "widget" });',
          "await recordAudit(tx, deps, ctx, { action: flag ? 'system.create' : 'widget.unflag', targetType: 'system' });",
          'await recordAudit(tx, deps, ctx, { action: `widget.${verb}`, targetType: kind });',
        ].join('\n'),
      },
    ]);
    expect(fixture.actions.map((a) => a.value)).toEqual([
      'widget.frobnicate',
      'widget.rename',
      'system.create',
      'widget.unflag',
    ]);
    expect(fixture.actions.filter((a) => !catalog.actions.has(a.value)).map((a) => a.value)).toEqual([
      'widget.frobnicate',
      'widget.rename',
      'widget.unflag',
    ]);
    expect(fixture.unreadable).toEqual([
      'modules/widgets/widgets.service.ts:5: `action` is not a literal, a choice of literals or a constant',
    ]);
  });

  it('refuses an action or a target type registered by two modules', () => {
    const label = { 'zh-TW': '新增', en: 'Created' };
    expect(() =>
      buildAuditCatalog([
        { name: 'a', audit: { actions: { 'x.create': label } } },
        { name: 'b', audit: { actions: { 'x.create': label } } },
      ]),
    ).toThrow(/registered by a and b/);
    expect(() =>
      buildAuditCatalog([
        { name: 'a', audit: { actions: {}, targets: { x: { label } } } },
        { name: 'b', audit: { actions: {}, targets: { x: { label } } } },
      ]),
    ).toThrow(/registered twice/);
  });
});
