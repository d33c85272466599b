import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';

import { CreateNetwork } from '@shared/dto/networks';
import { type ErrorData, errorCodes, errorReasons, paramIssueCodes } from '@shared/errors';
import { checkContainerName, checkImageReference, checkNetworkName, checkVolumeName } from '@shared/rules/names';

import { invalidParams, toLotseError } from '../../../electron/rpc/errors';
import { issuesAt, sayError, sayNameIssue, sayParamIssue, type Translate } from '../../../renderer/components/errorText';
import { MISSING, translator } from './translate';

let de: Translate;
let en: Translate;
beforeAll(async () => {
  de = await translator('de');
  en = await translator('en');
});

/** What the router answers for params the contract refuses. */
function refused(schema: z.ZodType, input: unknown): ErrorData {
  const parsed = schema.safeParse(input);
  if (parsed.success) throw new Error('expected a refusal');
  return invalidParams('test', parsed.error, input).toData();
}

const unfilled = new RegExp(`{{|}}|${MISSING}`);

describe('naming rules in the learner\'s language', () => {
  it('says a space in a network name in German and English', () => {
    const issue = checkNetworkName('my net');
    expect(issue).toEqual({ code: 'badChar', char: ' ' });
    expect(sayNameIssue(issue!, 'network', de)).toBe('Der Name darf keine Leerzeichen enthalten: Nimm Buchstaben, Ziffern, _ . -');
    expect(sayNameIssue(issue!, 'network', en)).toBe('The name must not contain spaces: use letters, digits, _ . -');
  });

  it('says container and volume names with the characters they allow', () => {
    expect(sayNameIssue(checkContainerName('my web')!, 'name', de)).toBe('Der Name darf keine Leerzeichen enthalten: erlaubt sind Buchstaben, Ziffern, _ . -');
    expect(sayNameIssue(checkContainerName('web!')!, 'name', de)).toBe('Der Name darf kein „!“ enthalten: erlaubt sind Buchstaben, Ziffern, _ . -');
    expect(sayNameIssue(checkVolumeName('-data')!, 'name', en)).toBe('The name must start with a letter or digit, not with “-”.');
    expect(sayNameIssue(checkVolumeName('a')!, 'name', de)).toBe('Der Name braucht mindestens 2 Zeichen.');
  });

  it('says image references: capitals, spaces, tags', () => {
    expect(sayNameIssue(checkImageReference('Learn/Web')!, 'reference', de)).toMatch(/^Ein Image-Name darf keine Großbuchstaben enthalten/);
    expect(sayNameIssue(checkImageReference('my image')!, 'reference', de)).toMatch(/^Eine Image-Referenz darf keine Leerzeichen enthalten/);
    expect(sayNameIssue(checkImageReference('web:-1')!, 'reference', en)).toMatch(/^The tag after :/);
  });

  it('names an invisible character by its code point', () => {
    expect(sayNameIssue({ code: 'badChar', char: '\u200b' }, 'network', en)).toContain('“U+200B”');
  });

  it('has a sentence for every rule and subject, and for every refused value, with nothing left to fill in', () => {
    const codes = ['empty', 'tooLong', 'tooShort', 'badStart', 'badChar', 'uppercase', 'badTag', 'badDigest', 'leadingSlash', 'reserved'] as const;
    for (const t of [de, en]) {
      for (const code of codes) {
        for (const subject of ['name', 'network', 'reference'] as const) {
          for (const char of ['!', ' ']) expect(sayNameIssue({ code, max: 9, min: 2, char }, subject, t)).not.toMatch(unfilled);
        }
      }
      for (const code of paramIssueCodes) {
        for (const path of [['size'], ['name'], ['ref']]) {
          expect(sayParamIssue({ path, code, params: { max: 9, min: 2, char: '!', values: 'a, b' } }, t)).not.toMatch(unfilled);
        }
      }
    }
  });
});

describe('refused parameters as the UI says them', () => {
  it('puts a network name with a space at its field, in German, without the schema library\'s words', () => {
    const data = refused(CreateNetwork, { name: 'my net' });
    expect(issuesAt(data, 'name')).toEqual([{ path: ['name'], code: 'badChar', params: { char: ' ' } }]);
    const said = sayError(data, de);
    expect(said).toEqual({ title: 'Eine Eingabe ist ungültig.', message: 'name: Der Name darf keine Leerzeichen enthalten: erlaubt sind Buchstaben, Ziffern, _ . -' });
    expect(JSON.stringify(said)).not.toMatch(/invalid_format|origin|"code"/);
  });

  it('says generic refusals with their numbers', () => {
    const data = refused(z.object({ size: z.number().max(10), mode: z.enum(['a', 'b']) }), { size: 11, mode: 'c' });
    expect(data.issues?.map((issue) => sayParamIssue(issue, de))).toEqual(['size: Das ist zu groß: höchstens 10.', 'mode: Erlaubt sind nur: a, b.']);
  });
});

describe('engine refusals as the UI says them', () => {
  const portTaken = 'driver failed programming external connectivity on endpoint web (8546c536): Bind for 0.0.0.0:8080 failed: port is already allocated';

  it('says a taken port in German, with the engine\'s words as detail', () => {
    const data = toLotseError(Object.assign(new Error('x'), { statusCode: 500, json: { message: portTaken } })).toData();
    expect(sayError(data, de)).toEqual({
      title: 'Das kollidiert mit etwas, das schon existiert.',
      message: 'Der Host-Port ist schon vergeben: Ein anderer Container veröffentlicht ihn.',
      hint: 'Nimm einen anderen Host-Port oder stoppe den Container, der ihn hält. Lässt du den Host-Port leer, sucht Docker einen freien aus.',
      detail: portTaken,
    });
  });

  it('has a title for every code and words for every reason in both languages, and they differ', () => {
    for (const code of errorCodes) {
      const [inGerman, inEnglish] = [sayError({ code, message: 'm' }, de), sayError({ code, message: 'm' }, en)];
      expect(inGerman.title).not.toMatch(unfilled);
      expect(inGerman.title).not.toBe(inEnglish.title);
    }
    for (const reason of errorReasons) {
      const inGerman = sayError({ code: 'CONFLICT', message: 'm', reason }, de);
      const inEnglish = sayError({ code: 'CONFLICT', message: 'm', reason }, en);
      expect(`${inGerman.message} ${inGerman.hint ?? ''}`).not.toMatch(unfilled);
      expect(inGerman.message).not.toBe(inEnglish.message);
      expect(inGerman.detail).toBe('m');
    }
  });

  it("shows an error without a reason in the service's words", () => {
    expect(sayError({ code: 'INTERNAL', message: 'Something odd.', hint: 'Try again.' }, en)).toEqual({
      title: 'Something went wrong inside Lotse.',
      message: 'Something odd.',
      hint: 'Try again.',
    });
  });
});
