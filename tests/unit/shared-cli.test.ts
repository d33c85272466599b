import { execFileSync } from 'node:child_process';

import { describe, expect, it } from 'vitest';

import { cli, shellQuote } from '@shared/cli/quote';

describe('shell commands shown to learners', () => {
  it('quotes only what needs quoting', () => {
    expect(cli('docker', 'run', '--name', 'web', '-p', '8080:80', 'nginx:1.27')).toBe('docker run --name web -p 8080:80 nginx:1.27');
    expect(shellQuote('hello world')).toBe("'hello world'");
    expect(shellQuote("it's")).toBe(`'it'"'"'s'`);
    expect(cli('docker', false, undefined, 'ps')).toBe('docker ps');
  });

  it('survives a real shell word for word', () => {
    const words = ['a b', "it's", '$HOME', '`x`', 'semi;colon', '', 'ünï'];
    const echoed = execFileSync('bash', ['-c', `printf '%s\\n' ${words.map(shellQuote).join(' ')}`], { encoding: 'utf8' });
    expect(echoed.split('\n').slice(0, -1)).toEqual(words);
  });
});
