import { describe, expect, it } from 'vitest';

import { isHelloWorld, repositoryName } from '../../../electron/services/learn/checks/common';
import { demux } from '../../../electron/services/docker/frames';
import { parseHttp } from '../../../electron/services/docker/helper';

describe('what the checks read', () => {
  it('names an image’s repository whatever registry, tag or digest it carries', () => {
    expect(repositoryName('hello-world')).toBe('hello-world');
    expect(repositoryName('hello-world:latest')).toBe('hello-world');
    expect(repositoryName('docker.io/library/hello-world:latest')).toBe('hello-world');
    expect(repositoryName('127.0.0.1:5000/hello-world')).toBe('hello-world');
    expect(repositoryName('127.0.0.1:5000/team/web:1.0@sha256:abc')).toBe('web');
    expect(isHelloWorld('library/hello-world:linux')).toBe(true);
    expect(isHelloWorld('hello-world-clone:1')).toBe(false);
  });

  it('reads status and body of a raw HTTP response', () => {
    expect(parseHttp('HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<h1>Hallo</h1>\n')).toEqual({ status: 200, body: '<h1>Hallo</h1>\n' });
    expect(parseHttp('HTTP/1.0 404 Not Found\n\nnope')).toEqual({ status: 404, body: 'nope' });
    expect(parseHttp('nc: can\'t connect to remote host')).toEqual({ status: 0, body: '' });
  });

  it('joins the engine’s multiplexed log frames', () => {
    const frame = (stream: number, text: string): Buffer => {
      const payload = Buffer.from(text);
      const header = Buffer.alloc(8);
      header[0] = stream;
      header.writeUInt32BE(payload.length, 4);
      return Buffer.concat([header, payload]);
    };
    expect(demux(Buffer.concat([frame(1, 'HTTP/1.1 200 OK\r\n'), frame(2, 'warn\n'), frame(1, '\r\nbody')])).toString()).toBe('HTTP/1.1 200 OK\r\nwarn\n\r\nbody');
  });
});
