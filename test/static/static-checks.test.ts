import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

import { importCycles, importGraph } from './import-graph';

const ROOT = join(__dirname, '..', '..');

interface LintMessage {
  readonly ruleId: string | null;
  readonly line: number;
  readonly message: string;
}

function run(script: string, args: string[], cwd = ROOT) {
  return spawnSync(process.execPath, [join(ROOT, 'node_modules', script), ...args], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
}

function eslint(files: string[], cwd = ROOT): Map<string, LintMessage[]> {
  const result = run('eslint/bin/eslint.js', ['--format', 'json', '--no-warn-ignored', ...files], cwd);
  if (result.stdout.trim() === '') throw new Error(`eslint printed nothing: ${result.stderr}`);
  const reports = JSON.parse(result.stdout) as { filePath: string; messages: LintMessage[] }[];
  return new Map(reports.map((r) => [r.filePath.slice(cwd.length + 1), r.messages]));
}

/**
 * Lints files that break the rules in a temporary tree that uses the project's own ESLint config and TypeScript
 * settings, never in the source tree, where a whole-tree lint running at the same time would see them.
 */
function lintProbes(probes: Record<string, string>): Map<string, LintMessage[]> {
  const dir = mkdtempSync(join(tmpdir(), 'mignet-lint-probes-'));
  try {
    writeFileSync(
      join(dir, 'eslint.config.mjs'),
      `export { default } from ${JSON.stringify(pathToFileURL(join(ROOT, 'eslint.config.mjs')).href)};\n`,
    );
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({ extends: join(ROOT, 'tsconfig.json'), compilerOptions: { rootDir: '.' }, include: ['**/*.ts'] }),
    );
    symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
    for (const [file, text] of Object.entries(probes)) {
      mkdirSync(join(dir, dirname(file)), { recursive: true });
      writeFileSync(join(dir, file), text);
    }
    return eslint(Object.keys(probes), dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function trackedTypeScript(): string[] {
  const result = spawnSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '*.ts'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  return result.stdout.split('\n').filter((f) => f !== '' && !f.startsWith('test/fixtures/'));
}

/** The build's static checks, run by the test command too, so CI fails on them. */
describe('static checks', () => {
  it('the whole tree passes ESLint with no warnings', () => {
    const problems = [...eslint(['.']).entries()].flatMap(([file, messages]) =>
      messages.map((m) => `${file}:${m.line} ${m.ruleId}: ${m.message}`),
    );
    expect(problems).toEqual([]);
  });

  it('the whole tree type-checks under strict TypeScript', () => {
    const result = run('typescript/bin/tsc', ['-p', 'tsconfig.json', '--noEmit']);
    expect(result.stdout + result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('the whole tree is formatted (Prettier, one config)', () => {
    const result = run('prettier/bin/prettier.cjs', ['--check', '--log-level', 'warn', '.']);
    expect(result.stdout + result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('has no import cycle, type-only imports included', () => {
    expect(importCycles(importGraph(ROOT, trackedTypeScript()))).toEqual([]);
  });

  it('finds a cycle of type-only imports', () => {
    const graph = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts']],
      ['c.ts', ['a.ts']],
      ['d.ts', ['a.ts']],
    ]);
    expect(importCycles(graph)).toEqual([['a.ts', 'b.ts', 'c.ts']]);
  });

  describe('the lint rules catch what the codebase forbids', () => {
    const probes = {
      workflow: 'workflows/lint-probe.ts',
      libsImportingApps: 'libs/lint-probe-apps.ts',
      libsImportingLayers: 'libs/lint-probe-layers.ts',
      cycleA: 'libs/lint-probe-a.ts',
      cycleB: 'libs/lint-probe-b.ts',
    };
    let results: Map<string, LintMessage[]>;

    beforeAll(() => {
      results = lintProbes({
        [probes.workflow]: [
          "import { readFileSync } from 'fs';", // 1: Node built-in
          "import { join } from 'node:path';", // 2: Node built-in, node: form
          "import { Injectable } from '@nestjs/common';", // 3: Nest
          "import { DataSource } from 'typeorm';", // 4: TypeORM
          "import { Client } from 'pg';", // 5: pg
          "import { IsInt } from 'class-validator';", // 6: class-validator
          "import { createActivities } from '../activities';", // 7: activities as values
          "import type { Activities } from '../activities';", // 8: allowed, a type
          "import { CycleEntity } from '../libs/persistence';", // 9: persistence, through its index
          "import { loadConfig } from '../libs/config/config';", // 10: config reads the environment
          'export type Probe = Activities;',
          'export async function probe(): Promise<void> {',
          '  Promise.resolve(1);', // 13: floating promise
          '}',
          'export const used = [readFileSync, join, Injectable, DataSource, Client, IsInt, createActivities, CycleEntity, loadConfig];',
          '',
        ].join('\n'),
        [probes.libsImportingApps]: "export { CONFIG } from '../apps/common/config.token';\n",
        [probes.libsImportingLayers]: [
          "import type { Activities } from '../activities';", // 1: not even a type
          "import { audit } from '../workflows/audit-sink';", // 2
          'export type Probe = Activities;',
          'export const used = audit;',
          '',
        ].join('\n'),
        [probes.cycleA]: "import { b } from './lint-probe-b';\nexport const a = (): number => b() + 1;\n",
        [probes.cycleB]: "import { a } from './lint-probe-a';\nexport const b = (): number => (a ? 1 : 0);\n",
      });
    });

    const rulesAt = (file: string) => (results.get(file) ?? []).map((m) => [m.line, m.ruleId]);

    it('forbids Node built-ins, Nest, TypeORM, pg, class-validator, persistence, config and activity values in workflows, and floating promises', () => {
      const found = rulesAt(probes.workflow);
      for (const line of [1, 2, 3, 4, 5, 6, 7, 9, 10])
        expect(found).toContainEqual([line, '@typescript-eslint/no-restricted-imports']);
      expect(found).not.toContainEqual([8, '@typescript-eslint/no-restricted-imports']);
      expect(found).toContainEqual([13, '@typescript-eslint/no-floating-promises']);
    });

    it('forbids libs/ importing apps/, activities/ or workflows/, types included', () => {
      expect(rulesAt(probes.libsImportingApps)).toContainEqual([1, '@typescript-eslint/no-restricted-imports']);
      expect(rulesAt(probes.libsImportingLayers)).toEqual(
        expect.arrayContaining([
          [1, '@typescript-eslint/no-restricted-imports'],
          [2, '@typescript-eslint/no-restricted-imports'],
        ]),
      );
    });

    it('forbids import cycles', () => {
      expect(rulesAt(probes.cycleA)).toContainEqual([1, 'import-x/no-cycle']);
    });
  });
});
