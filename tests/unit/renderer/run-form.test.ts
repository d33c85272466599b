import { beforeAll, describe, expect, it } from 'vitest';

import type { FieldIssue } from '@shared/dto/containers';

import type { Translate } from '../../../renderer/components/errorText';
import { emptyForm, localIssues, type RunForm, stillCurrent, toSpec } from '../../../renderer/views/containers/run/runForm';
import { translator } from './translate';

let de: Translate;
let en: Translate;
beforeAll(async () => {
  de = await translator('de', 'containers');
  en = await translator('en', 'containers');
});

const form = (changes: Partial<RunForm>): RunForm => ({ ...emptyForm, image: 'lotse-lab/httpd:1.0', ...changes });
const port = (hostPort: string) => ({ hostIp: '', hostPort, containerPort: '80', protocol: 'tcp' as const });
const said = (issues: FieldIssue[]) => issues.map(({ field, index, message }) => ({ field, index, message }));

describe('the run dialog checks what it can by itself, in the learner\'s language', () => {
  it('finds nothing in a valid form', () => {
    expect(localIssues(form({ name: 'web', ports: [port('8080')], network: 'lotse-net' }), de)).toEqual([]);
  });

  it('says a name with a space and an image with capitals at their fields', () => {
    expect(said(localIssues(form({ image: 'My/Image', name: 'my web' }), de))).toEqual([
      { field: 'image', index: undefined, message: 'Ein Image-Name darf keine Großbuchstaben enthalten: Schreib ihn klein (im Tag nach dem : sind sie erlaubt).' },
      { field: 'name', index: undefined, message: 'Der Name darf keine Leerzeichen enthalten: erlaubt sind Buchstaben, Ziffern, _ . -' },
    ]);
  });

  it('says a port out of range at its row', () => {
    expect(said(localIssues(form({ ports: [port('8080'), port('99999')] }), de))).toEqual([{ field: 'ports', index: 1, message: 'Ports sind ganze Zahlen von 1 bis 65535.' }]);
    expect(localIssues(form({ ports: [port('99999')] }), en)[0]?.message).toBe('Ports are whole numbers from 1 to 65535.');
  });

  it('checks volume names of volume mounts, not the paths of bind mounts', () => {
    const mounts: RunForm['mounts'] = [
      { type: 'bind', source: '/home/me/my site', target: '/www', readOnly: false, size: '' },
      { type: 'volume', source: 'my data', target: '/data', readOnly: false, size: '' },
    ];
    expect(said(localIssues(form({ mounts }), en))).toEqual([{ field: 'mounts', index: 1, message: 'The name must not contain spaces: allowed are letters, digits, _ . -' }]);
  });
});

describe('an answer of the engine stands only while its field is unchanged', () => {
  const taken: FieldIssue = { field: 'ports', index: 0, code: 'portPublished', params: { port: 8080, protocol: 'tcp', name: 'web' }, message: 'Host port 8080/tcp is already published by container web.' };
  const checked = toSpec(form({ name: 'web', ports: [port('8080')] }));

  it('keeps it while the learner changes other fields', () => {
    expect(stillCurrent(taken, checked, toSpec(form({ name: 'web2', ports: [port('8080')] })))).toBe(true);
    expect(stillCurrent(taken, checked, toSpec(form({ name: 'web', ports: [port('8080'), port('9090')] })))).toBe(true);
  });

  it('drops it once its row changes: a taken port, then 99999, shows only what is wrong with 99999', () => {
    const now = form({ name: 'web', ports: [port('99999')] });
    expect(stillCurrent(taken, checked, toSpec(now))).toBe(false);
    expect(said(localIssues(now, de))).toEqual([{ field: 'ports', index: 0, message: 'Ports sind ganze Zahlen von 1 bis 65535.' }]);
  });

  it('drops an issue about the whole field once the field changes', () => {
    const nameTaken: FieldIssue = { field: 'name', code: 'nameTaken', message: 'The name "web" is taken.' };
    expect(stillCurrent(nameTaken, checked, toSpec(form({ name: 'web-2', ports: [port('8080')] })))).toBe(false);
    expect(stillCurrent(nameTaken, checked, toSpec(form({ name: 'web', ports: [] })))).toBe(true);
  });
});
