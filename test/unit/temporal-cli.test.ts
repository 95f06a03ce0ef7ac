import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { locateTemporalCli, TEMPORAL_CLI_VERSION } from '../../libs/temporal/temporal-cli';

describe('locateTemporalCli', () => {
  let root: string;
  const exe = (path: string) => {
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, '#!/bin/sh\n');
    chmodSync(path, 0o755);
    return path;
  };

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'mignet-cli-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('takes TEMPORAL_CLI_PATH first, then PATH, then the tools folder, then the SDK download', () => {
    const explicit = exe(join(root, 'explicit', 'temporal'));
    const onPath = exe(join(root, 'bin', 'temporal'));
    const repo = join(root, 'repo');
    const tools = exe(join(repo, 'tools', 'temporal', TEMPORAL_CLI_VERSION, 'temporal'));
    const path = join(root, 'bin');

    expect(locateTemporalCli({ TEMPORAL_CLI_PATH: explicit, PATH: path }, repo)).toEqual({
      source: 'TEMPORAL_CLI_PATH',
      path: explicit,
    });
    expect(locateTemporalCli({ PATH: path }, repo)).toEqual({ source: 'PATH', path: onPath });
    expect(locateTemporalCli({ PATH: join(root, 'nowhere') }, repo)).toEqual({ source: 'tools', path: tools });
    expect(locateTemporalCli({ PATH: '' }, join(root, 'empty-repo'))).toEqual({ source: 'sdk-download' });
  });

  it('refuses a TEMPORAL_CLI_PATH that is not an executable', () => {
    expect(() => locateTemporalCli({ TEMPORAL_CLI_PATH: join(root, 'missing') }, root)).toThrow(
      /TEMPORAL_CLI_PATH=.* is not an executable/,
    );
  });
});
