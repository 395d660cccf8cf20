/// <reference types="vite/client" />
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { api, METHODS } from './api.js';

/** Every module in shared/api/, by file name: `runs`, `datasets`, … and the schema-only files beside them. */
const modules = Object.fromEntries(
  Object.entries(import.meta.glob<Record<string, unknown>>('./api/*.ts', { eager: true })).map(
    ([file, exports]) => [/\/([^/]+)\.ts$/.exec(file)![1]!, exports],
  ),
);

type Table = Record<string, { input: unknown; output: unknown }>;
/** A module's method tables: exports named `<something>Api`. */
const tablesOf = (exports: Record<string, unknown>): [string, Table][] =>
  Object.entries(exports).filter((entry): entry is [string, Table] => entry[0].endsWith('Api'));

const domains = Object.entries(modules).flatMap(([file, exports]) =>
  tablesOf(exports).map(([name, table]) => ({ file, name, table })),
);

describe('the contract', () => {
  it('has an input and an output zod schema for every method', () => {
    expect(METHODS.length).toBeGreaterThan(100);
    for (const method of METHODS) {
      expect(api[method].input, method).toBeInstanceOf(z.ZodType);
      expect(api[method].output, method).toBeInstanceOf(z.ZodType);
    }
  });

  it('names every method domain.verb', () => {
    for (const method of METHODS) expect(method).toMatch(/^[a-z][A-Za-z]*\.[a-z][A-Za-z]*$/);
  });

  it('keeps each domain in its own file: shared/api/<domain>.ts exports <domain>Api with only <domain>.* methods', () => {
    expect(domains.length).toBeGreaterThan(10);
    for (const { file, name, table } of domains) {
      expect(name, `shared/api/${file}.ts`).toBe(`${file}Api`);
      for (const method of Object.keys(table))
        expect(method.startsWith(`${file}.`), `${method} in shared/api/${file}.ts`).toBe(true);
    }
    const domainsInUse = new Set(METHODS.map((m) => m.split('.')[0]!));
    expect([...domainsInUse].sort()).toEqual(domains.map((d) => d.file).sort());
  });

  it('assembles api from the domain tables, each method from exactly one of them', () => {
    const seen = new Map<string, string>();
    for (const { file, table } of domains) {
      for (const [method, schemas] of Object.entries(table)) {
        expect(
          seen.get(method),
          `${method} is in shared/api/${seen.get(method)}.ts and ${file}.ts`,
        ).toBeUndefined();
        seen.set(method, file);
        expect(api[method as keyof typeof api], method).toBe(schemas);
      }
    }
    expect([...seen.keys()].sort()).toEqual([...METHODS].sort());
  });
});
