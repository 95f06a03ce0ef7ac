import { spawnSync } from 'node:child_process';
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

interface LintMessage {
  readonly ruleId: string | null;
  readonly line: number;
  readonly message: string;
}

function run(script: string, args: string[]) {
  return spawnSync(process.execPath, [join(ROOT, 'node_modules', script), ...args], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

function eslint(files: string[]): Map<string, LintMessage[]> {
  const result = run('eslint/bin/eslint.js', ['--format', 'json', '--no-warn-ignored', ...files]);
  if (result.stdout.trim() === '') throw new Error(`eslint printed nothing: ${result.stderr}`);
  const reports = JSON.parse(result.stdout) as { filePath: string; messages: LintMessage[] }[];
  return new Map(reports.map((r) => [r.filePath.slice(ROOT.length + 1), r.messages]));
}

/** The build's static checks, run by the test command too, so CI fails on them. */
describe('static checks', () => {
  it('the whole tree passes ESLint with no warnings', () => {
    const problems = [...eslint(['.']).entries()].flatMap(([file, messages]) => messages.map((m) => `${file}:${m.line} ${m.ruleId}: ${m.message}`));
    expect(problems).toEqual([]);
  });

  it('the whole tree type-checks under strict TypeScript', () => {
    const result = run('typescript/bin/tsc', ['-p', 'tsconfig.json', '--noEmit']);
    expect(result.stdout + result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  describe('the lint rules catch what the codebase forbids', () => {
    const id = `${process.pid}`;
    const probes = {
      workflow: `workflows/lint-probe-${id}.ts`,
      libsImportingApps: `libs/lint-probe-apps-${id}.ts`,
      cycleA: `libs/lint-probe-a-${id}.ts`,
      cycleB: `libs/lint-probe-b-${id}.ts`,
    };
    let results: Map<string, LintMessage[]>;

    beforeAll(() => {
      // Probes left by a run that was killed would fail the whole-tree lint: clear them first.
      for (const dir of ['workflows', 'libs']) {
        for (const f of readdirSync(join(ROOT, dir)).filter((name) => name.startsWith('lint-probe-'))) rmSync(join(ROOT, dir, f));
      }
      writeFileSync(
        join(ROOT, probes.workflow),
        [
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
      );
      writeFileSync(join(ROOT, probes.libsImportingApps), "export { CONFIG } from '../apps/common/config.token';\n");
      writeFileSync(join(ROOT, probes.cycleA), `import { b } from './lint-probe-b-${id}';\nexport const a = (): number => b() + 1;\n`);
      writeFileSync(join(ROOT, probes.cycleB), `import { a } from './lint-probe-a-${id}';\nexport const b = (): number => (a ? 1 : 0);\n`);
      results = eslint(Object.values(probes));
    });
    afterAll(() => {
      for (const file of Object.values(probes)) rmSync(join(ROOT, file), { force: true });
    });

    const rulesAt = (file: string) => (results.get(file) ?? []).map((m) => [m.line, m.ruleId]);

    it('forbids Node built-ins, Nest, TypeORM, pg, class-validator, persistence, config and activity values in workflows, and floating promises', () => {
      const found = rulesAt(probes.workflow);
      for (const line of [1, 2, 3, 4, 5, 6, 7, 9, 10]) expect(found).toContainEqual([line, '@typescript-eslint/no-restricted-imports']);
      expect(found).not.toContainEqual([8, '@typescript-eslint/no-restricted-imports']);
      expect(found).toContainEqual([13, '@typescript-eslint/no-floating-promises']);
    });

    it('forbids libs/ importing apps/', () => {
      expect(rulesAt(probes.libsImportingApps)).toContainEqual([1, '@typescript-eslint/no-restricted-imports']);
    });

    it('forbids import cycles', () => {
      expect(rulesAt(probes.cycleA)).toContainEqual([1, 'import-x/no-cycle']);
    });
  });
});
