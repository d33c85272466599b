import { execFileSync } from 'node:child_process';

import { describe, expect, it } from 'vitest';

import { cli, shellQuote, shellWords } from '@shared/cli/shell';

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

describe('pasted commands split into words', () => {
  it('splits words as a shell does', () => {
    const line = `a 'b c' "d \\"e\\"" f\\ g "$HOME"`;
    expect(shellWords(line)).toEqual(['a', 'b c', 'd "e"', 'f g', '$HOME']);
    const bash = execFileSync('bash', ['-c', `printf '%s\\n' ${line.replace('"$HOME"', "'$HOME'")}`], { encoding: 'utf8' });
    expect(bash.split('\n').slice(0, -1)).toEqual(['a', 'b c', 'd "e"', 'f g', '$HOME']);
  });

  it('drops line continuations, inside double quotes too, and keeps variables as written', () => {
    const line = 'docker run \\\n  -e "A=x\\\ny" \\\r\n  busybox echo "${HOME}" \'a\\\nb\'';
    expect(shellWords(line)).toEqual(['docker', 'run', '-e', 'A=xy', 'busybox', 'echo', '${HOME}', 'a\\\nb']);
    const bash = execFileSync('bash', ['-c', `printf '%s\\n' ${line.replace('"${HOME}"', "'${HOME}'").replaceAll('\r', '')}`], { encoding: 'utf8' });
    expect(bash.split('\n').slice(0, -1)).toEqual(['docker', 'run', '-e', 'A=xy', 'busybox', 'echo', '${HOME}', 'a\\', 'b']);
  });

  it('reads back what it quotes', () => {
    const words = ['a b', "it's", '$HOME', '', 'x"y', 'back\\slash'];
    expect(shellWords(cli(...words))).toEqual(words);
  });
});
