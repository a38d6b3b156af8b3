import assert from 'node:assert/strict';
import {
  decodeCharset,
  decodeFlowed,
  decodeQuotedPrintable,
  decodeTransferEncoding,
} from '../../../src/mail/inbound/mime-decode.js';
import { readReplyParts } from '../../../src/mail/inbound/reply-parts.js';
import { message, textPart } from './build-message.js';

const qp = (text: string): Buffer => decodeQuotedPrintable(Buffer.from(text, 'latin1'));

describe('decoding the body of a MIME part', () => {
  describe('charsets', () => {
    for (const [charset, encoded, expected] of [
      ['utf-8', 'B=C4=93rzi=C5=86a =E2=80=94 =C4=B7=C4=93de', 'Bērziņa — ķēde'],
      ['windows-1257', 'aizb=E7rta, =ED=E7de =84salabota=93', 'aizbērta, ķēde „salabota“'],
      ['cp-1257', 'aizb=E7rta', 'aizbērta'],
      ['iso-8859-13', '=A5Bedre=B4 aizb=E7rta, =F2emts v=E7r=E2.', '„Bedre“ aizbērta, ņemts vērā.'],
      ['koi8-r', '=F1=CD=D5 =DA=C1=D3=D9=D0=C1=CC=C9 =D3=C5=C7=CF=C4=CE=D1.', 'Яму засыпали сегодня.'],
      ['windows-1251', '=DF=EC=F3 =E7=E0=F1=FB=EF=E0=EB=E8 =F1=E5=E3=EE=E4=ED=FF.', 'Яму засыпали сегодня.'],
    ] as const) {
      it(`decodes ${charset}`, () => {
        assert.equal(decodeCharset(qp(encoded), charset), expected);
      });
    }

    it('reads an undeclared or unknown charset as UTF-8 when it is valid UTF-8', () => {
      assert.equal(decodeCharset(qp('B=C4=93rzi=C5=86a'), false), 'Bērziņa');
      assert.equal(decodeCharset(qp('B=C4=93rzi=C5=86a'), 'x-unknown'), 'Bērziņa');
      assert.equal(decodeCharset(qp('B=C4=93rzi=C5=86a'), 'us-ascii'), 'Bērziņa');
    });

    it('falls back to windows-1257 for undeclared bytes that are not UTF-8', () => {
      assert.equal(decodeCharset(qp('aizb=E7rta'), false), 'aizbērta');
    });

    it('decodes a whole message in koi8-r sent as base64', async () => {
      const raw = message(
        textPart('8c3VINrB09nQwczJINPFx8/EztEu\n', 'koi8-r', ['Content-Transfer-Encoding: base64']),
      );
      assert.equal((await readReplyParts(raw)).text, 'Яму засыпали сегодня.');
    });
  });

  describe('transfer encodings', () => {
    it('joins soft line breaks, with or without CR and trailing padding', () => {
      assert.equal(qp('Bedre =\r\naizb=E7rta=  \nlabi=').toString('latin1'), 'Bedre aizb\u00e7rtalabi');
    });

    it('keeps an "=" that starts no escape, and lower-case hex works', () => {
      assert.equal(qp('1 + 1 =2 un =e7 =ZZ').toString('latin1'), '1 + 1 =2 un \u00e7 =ZZ');
    });

    it('leaves 7bit, 8bit and binary bodies as they are', () => {
      const raw = Buffer.from('=E7 tāds pats');
      for (const encoding of ['7bit', '8bit', 'binary', false] as const) {
        assert.deepEqual(decodeTransferEncoding(raw, encoding), raw);
      }
    });
  });

  describe('format=flowed', () => {
    it('joins lines that end in a space and removes space-stuffing', () => {
      assert.equal(
        decodeFlowed('Яму засыпали \nсегодня.\n  From here\nБеги', false),
        'Яму засыпали сегодня.\n From here\nБеги',
      );
    });

    it('deletes the joining space with DelSp=yes', () => {
      assert.equal(decodeFlowed('aizbēr \nta', true), 'aizbērta');
    });

    it('joins quoted lines only at the same depth, and keeps "-- " a hard line', () => {
      assert.equal(
        decodeFlowed('> viens \n> divi\n>> trīs \n> četri\n>\n-- \nAnna', false),
        '> viens divi\n>> trīs \n> četri\n>\n-- \nAnna',
      );
    });
  });
});
