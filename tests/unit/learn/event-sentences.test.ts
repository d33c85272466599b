import { describe, expect, it } from 'vitest';

import type { EngineEvent } from '@shared/dto/engine';

import { eventSentence, sentenceText } from '../../../renderer/learn/event-sentences';
import { ringPush } from '../../../renderer/learn/ring';

const C = 'c0ffee0000000000000000000000000000000000000000000000000000000000';
const N = 'beef000000000000000000000000000000000000000000000000000000000000';
const IMG = 'sha256:abc123abc123abc123abc123abc123abc123abc123abc123abc123abc123abcd';

function makeEvent(type: string, action: string, id: string, attributes: Record<string, string> = {}): EngineEvent {
  return { type, action, id, attributes, time: 0, ...(attributes.name ? { name: attributes.name } : {}) };
}
const names = (id: string): string | undefined => (id === C ? 'db' : undefined);
const say = (e: EngineEvent, language: 'de' | 'en' = 'en'): string => sentenceText(eventSentence(e, language, names));

const web = { name: 'web-1', image: 'nginx:1.27' };

describe('events in plain words (Docker API 1.41)', () => {
  it('says what happened to containers, in English and German', () => {
    const cases: [string, Record<string, string>, string, string][] = [
      ['create', web, 'Container web-1 was created from image nginx:1.27.', 'Container web-1 wurde aus dem Image nginx:1.27 erstellt.'],
      ['start', web, 'Container web-1 was started from image nginx:1.27.', 'Container web-1 wurde aus dem Image nginx:1.27 gestartet.'],
      ['die', { ...web, exitCode: '0' }, 'Container web-1 exited with code 0 (all fine).', 'Container web-1 hat sich beendet (Exit-Code 0, alles in Ordnung).'],
      ['die', { ...web, exitCode: '137' }, 'Container web-1 exited with code 137.', 'Container web-1 hat sich mit Exit-Code 137 beendet.'],
      ['stop', web, 'Container web-1 was stopped.', 'Container web-1 wurde gestoppt.'],
      ['kill', { ...web, signal: '15' }, 'Container web-1 was sent signal 15.', 'Container web-1 hat das Signal 15 bekommen.'],
      ['destroy', web, 'Container web-1 was removed.', 'Container web-1 wurde gelöscht.'],
      ['rename', { ...web, oldName: '/web' }, 'Container web was renamed to web-1.', 'Container web heißt jetzt web-1.'],
      ['pause', web, 'Container web-1 was paused.', 'Container web-1 wurde eingefroren (pause).'],
      ['unpause', web, 'Container web-1 was unpaused.', 'Container web-1 läuft weiter (unpause).'],
      ['exec_create: sh -c ls', { ...web, execID: 'x' }, 'A command was prepared in container web-1: sh -c ls', 'In Container web-1 wurde ein Befehl vorbereitet: sh -c ls'],
      ['exec_start: sh -c ls', { ...web, execID: 'x' }, 'Now running in container web-1: sh -c ls', 'In Container web-1 läuft jetzt: sh -c ls'],
      ['exec_die', { ...web, execID: 'x', exitCode: '1' }, 'A command in container web-1 finished (exit code 1).', 'Ein Befehl in Container web-1 ist fertig (Exit-Code 1).'],
      ['health_status: healthy', web, 'Container web-1 is now healthy.', 'Container web-1 ist jetzt gesund (healthy).'],
      ['health_status: unhealthy', web, 'Container web-1 is unhealthy: its health check fails.', 'Container web-1 ist krank (unhealthy): sein Healthcheck schlägt fehl.'],
    ];
    for (const [action, attributes, en, de] of cases) {
      const event = makeEvent('container', action, C, attributes);
      expect(say(event), action).toBe(en);
      expect(say(event, 'de'), action).toBe(de);
    }
  });

  it('links the objects a sentence names to their areas', () => {
    const sentence = eventSentence(makeEvent('container', 'start', C, web), 'en');
    expect(sentence.tone).toBe('success');
    expect(sentence.segments).toEqual([
      { text: 'Container ' },
      { text: 'web-1', area: 'containers', ref: C },
      { text: ' was started from image ' },
      { text: 'nginx:1.27', area: 'images', ref: 'nginx:1.27' },
      { text: '.' },
    ]);
    expect(eventSentence(makeEvent('container', 'die', C, { ...web, exitCode: '1' }), 'en').tone).toBe('warning');
  });

  it('says what happened to images', () => {
    expect(say(makeEvent('image', 'pull', 'nginx:1.27', { name: 'nginx:1.27' }))).toBe('Image nginx:1.27 was pulled.');
    expect(say(makeEvent('image', 'push', '127.0.0.1:5000/web:1', { name: '127.0.0.1:5000/web:1' }))).toBe('Image 127.0.0.1:5000/web:1 was pushed to a registry.');
    expect(say(makeEvent('image', 'tag', IMG, { name: 'website:latest' }))).toBe('Image abc123abc123 was tagged website:latest.');
    expect(say(makeEvent('image', 'untag', IMG, { name: IMG }))).toBe('A name was removed from image abc123abc123.');
    expect(say(makeEvent('image', 'delete', IMG, { name: IMG }), 'de')).toBe('Das Image abc123abc123 wurde gelöscht.');
    expect(say(makeEvent('image', 'import', IMG, { name: IMG }))).toBe('Image abc123abc123 was imported from an archive.');
    expect(say(makeEvent('image', 'load', 'busybox:latest', { name: 'busybox:latest' }))).toBe('Image busybox:latest was loaded (docker load).');
    expect(say(makeEvent('image', 'save', 'busybox:latest', { name: 'busybox:latest' }), 'de')).toBe('Das Image busybox:latest wurde als Archiv gespeichert (docker save).');
  });

  it('says what happened to networks, with the container named when it is known', () => {
    expect(say(makeEvent('network', 'create', N, { name: 'frontend', type: 'bridge' }))).toBe('Network frontend was created (driver bridge).');
    expect(say(makeEvent('network', 'connect', N, { name: 'frontend', type: 'bridge', container: C }))).toBe('Network frontend was connected to db.');
    expect(say(makeEvent('network', 'disconnect', N, { name: 'frontend', container: 'f00d00000000ffff' }), 'de')).toBe('Das Netzwerk frontend wurde von f00d00000000 getrennt.');
    expect(say(makeEvent('network', 'destroy', N, { name: 'frontend', type: 'bridge' }), 'de')).toBe('Das Netzwerk frontend wurde gelöscht.');
  });

  it('says what happened to volumes', () => {
    expect(say(makeEvent('volume', 'create', 'foo', { driver: 'local' }))).toBe('Volume foo was created (driver local).');
    expect(say(makeEvent('volume', 'mount', 'foo', { driver: 'local', container: C, destination: '/data', 'read/write': 'true' }))).toBe('Volume foo was mounted into db at /data.');
    expect(say(makeEvent('volume', 'unmount', 'foo', { driver: 'local', container: C }), 'de')).toBe('Das Volume foo wurde aus db ausgehängt.');
    expect(say(makeEvent('volume', 'destroy', 'foo', { driver: 'local' }), 'de')).toBe('Das Volume foo wurde gelöscht.');
  });

  it('says when the engine reloads, and falls back to type, name and action for anything else', () => {
    expect(say(makeEvent('daemon', 'reload', 'X', { name: 'host' }), 'de')).toBe('Die Docker-Engine hat ihre Konfiguration neu geladen.');
    expect(say(makeEvent('plugin', 'enable', 'p', { name: 'vieux/sshfs' }))).toBe('Plugin vieux/sshfs: enable');
    expect(say(makeEvent('node', 'update', 'n1', {}), 'de')).toBe('Knoten n1: update');
    expect(say(makeEvent('container', 'something-new', C, web))).toBe('Container web-1: something-new');
  });
});

describe('the feed keeps a bounded ring', () => {
  it('drops the oldest events once full', () => {
    let ring: number[] = [];
    for (let i = 0; i < 1200; i++) ring = ringPush(ring, i, 500);
    expect(ring).toHaveLength(500);
    expect(ring[0]).toBe(700);
    expect(ring[499]).toBe(1199);
  });
});
