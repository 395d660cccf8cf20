import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const STORE = 'electron/core/store/';

/**
 * Files outside store/ allowed to open transactions on the database handle themselves instead of
 * calling store.transaction(): none. Only ever remove entries: the test fails on an entry that no
 * longer needs to be here.
 */
const PENDING_TRANSACTIONS: string[] = [];

interface DatabaseUse {
  file: string;
  line: number;
  /** The method called on a better-sqlite3 object (`prepare`, `exec`, `run`, …), or `import`. */
  what: string;
}

/**
 * Every call of a method on a better-sqlite3 object (a database, a statement, a transaction) and
 * every import of better-sqlite3 in the main-side product code (electron/, tests excluded), found
 * by type, so `const db = store.db; db.prepare(…)` counts and a RegExp's `.exec` does not.
 */
function databaseUses(): DatabaseUse[] {
  const config = ts.getParsedCommandLineOfConfigFile(
    join(ROOT, 'electron', 'tsconfig.json'),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => {
        throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
      },
    },
  );
  if (!config) throw new Error('electron/tsconfig.json did not parse');
  const program = ts.createProgram({
    rootNames: config.fileNames,
    options: { ...config.options, noEmit: true },
  });
  const checker = program.getTypeChecker();
  const fromSqlite = (type: ts.Type): boolean => {
    const t = checker.getNonNullableType(type);
    if (t.isUnion()) return t.types.some(fromSqlite);
    const declarations = (t.getSymbol() ?? t.aliasSymbol)?.declarations ?? [];
    return declarations.some((d) =>
      d.getSourceFile().fileName.includes('/node_modules/@types/better-sqlite3/'),
    );
  };
  const uses: DatabaseUse[] = [];
  for (const source of program.getSourceFiles()) {
    const file = relative(ROOT, source.fileName).split(sep).join('/');
    if (!file.startsWith('electron/')) continue;
    const at = (node: ts.Node, what: string) =>
      uses.push({
        file,
        line: source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1,
        what,
      });
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
        if (fromSqlite(checker.getTypeAtLocation(node.expression.expression)))
          at(node, node.expression.name.text);
      } else if (
        (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) &&
        node.moduleSpecifier &&
        ts.isStringLiteral(node.moduleSpecifier) &&
        node.moduleSpecifier.text === 'better-sqlite3'
      ) {
        at(node, 'import');
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return uses;
}

describe('every SQL statement lives in store/', () => {
  const uses = databaseUses();
  const outside = uses.filter((u) => !u.file.startsWith(STORE));
  const show = (list: DatabaseUse[]) => list.map((u) => `${u.file}:${u.line} .${u.what}()`);

  it('finds the store’s own statements (so an empty result below means something)', () => {
    const inside = uses.filter((u) => u.file.startsWith(STORE));
    expect(inside.filter((u) => u.what === 'prepare').length).toBeGreaterThan(100);
    expect(inside.some((u) => u.what === 'import')).toBe(true);
  });

  it('nothing outside electron/core/store/ prepares, executes or pragmas SQL, or imports better-sqlite3', () => {
    const pending = new Set(PENDING_TRANSACTIONS);
    const offending = outside.filter((u) => !(u.what === 'transaction' && pending.has(u.file)));
    expect(
      show(offending),
      'move these into a repository under electron/core/store/ (a transaction: store.transaction(fn))',
    ).toEqual([]);
  });

  it('the list of files still opening their own transactions only shrinks', () => {
    const still = new Set(outside.filter((u) => u.what === 'transaction').map((u) => u.file));
    const done = PENDING_TRANSACTIONS.filter((f) => !still.has(f));
    expect(
      done,
      'these use store.transaction() now: remove them from PENDING_TRANSACTIONS',
    ).toEqual([]);
  });
});
