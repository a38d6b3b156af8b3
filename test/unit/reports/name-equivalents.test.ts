import assert from 'node:assert/strict';
import { givenNameIn, maskGivenName } from '../../../src/reports/given-name.js';
import { equivalentNames } from '../../../src/reports/name-equivalents.js';

/** The answer with a reporter's given name masked, as a reply by email is published. */
const masked = (name: string, text: string) => maskGivenName(text, name);

describe('a given name that changes from one language to another, rather than its spelling', () => {
  it('masks the Latvian name, declined, in an answer to a reporter typed in English', () => {
    assert.equal(
      masked('Michael Smith', 'Labdien, Mihail! Mihailam atbildējām.'),
      'Labdien, […]! […] atbildējām.',
    );
    assert.equal(masked('Joseph Brown', 'Paldies, Jāzep!'), 'Paldies, […]!');
    assert.equal(masked('Jacob Green', 'Labdien, Jēkab!'), 'Labdien, […]!');
    assert.equal(masked('George Hill', 'Labdien, Juri!'), 'Labdien, […]!');
    assert.equal(masked('Catherine Moore', 'Paldies Katrīnai.'), 'Paldies […].');
    assert.equal(masked('Paul Wood', 'Labdien, Pāvil!'), 'Labdien, […]!');
    assert.equal(masked('John Taylor', 'Labdien, Džon!'), 'Labdien, […]!');
  });

  it('masks the Russian name, declined, in an answer to a reporter typed in English', () => {
    assert.equal(
      masked('Michael Smith', 'Здравствуйте, Михаил! Михаилу ответили.'),
      'Здравствуйте, […]! […] ответили.',
    );
    assert.equal(masked('Helen Black', 'Спасибо, Елена!'), 'Спасибо, […]!');
    assert.equal(masked('Nicholas White', 'Николаю ответили.'), '[…] ответили.');
    assert.equal(masked('Elizabeth King', 'Елизавета, спасибо!'), '[…], спасибо!');
    assert.equal(masked('Andrew Scott', 'Спасибо, Андрей!'), 'Спасибо, […]!');
  });

  it('masks the English and the Russian name in an answer to a reporter typed in Latvian', () => {
    assert.equal(
      masked('Mihails Ozols', 'Dear Michael, thanks. Спасибо, Михаил!'),
      'Dear […], thanks. Спасибо, […]!',
    );
    assert.equal(masked('Jāzeps Ozols', 'Dear Joseph, Иосиф!'), 'Dear […], […]!');
    assert.equal(masked('Katrīna Ozola', 'Dear Catherine, Екатерина!'), 'Dear […], […]!');
    assert.equal(masked('Stefans Ozols', 'Dear Stephen, Степан!'), 'Dear […], […]!');
  });

  it('masks the Latvian and the English name in an answer to a reporter typed in Russian', () => {
    assert.equal(masked('Михаил Петров', 'Labdien, Mihail! Dear Michael,'), 'Labdien, […]! Dear […],');
    assert.equal(masked('Мария Петрова', 'Labdien, Marija! Dear Mary,'), 'Labdien, […]! Dear […],');
    assert.equal(masked('Яков Петров', 'Labdien, Jēkab! Dear Jacob,'), 'Labdien, […]! Dear […],');
    assert.equal(masked('Mikhail Petrov', 'Labdien, Mihail!'), 'Labdien, […]!');
  });

  it('says which form an answer names them by, and leaves other names', () => {
    assert.equal(givenNameIn('Labdien, Mihail!', 'Michael Smith'), 'Mihail');
    assert.equal(
      masked('Michael Smith', 'Labdien, Jāni! Dear John, Иван.'),
      'Labdien, Jāni! Dear John, Иван.',
    );
    assert.equal(masked('John Taylor', 'Pēc Jāņiem, Jāni!'), 'Pēc Jāņiem, Jāni!');
  });

  it('looks a name up as typed, without marks or case, and gives itself alone when it has no equivalent', () => {
    assert.deepEqual(equivalentNames('Gunita'), ['Gunita']);
    assert.ok(equivalentNames('JAZEPS').includes('Joseph'));
    assert.equal(equivalentNames('Mihails')[0], 'Mihails');
  });
});
