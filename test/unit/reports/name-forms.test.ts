import assert from 'node:assert/strict';
import { nameForms } from '../../../src/reports/name-forms.js';

/** The text with every form of the name replaced, as the public words do. */
const masked = (name: string, text: string) => {
  const forms = nameForms(name);
  assert.ok(forms, `${name} has forms`);
  return forms.mayHold(text) ? text.replace(forms.pattern, '[…]') : text;
};

describe('a writer’s full name in the forms residents write it', () => {
  it('finds a Latvian name written in Cyrillic, declined as Russian declines it', () => {
    assert.equal(
      masked('Jānis Kalniņš', 'Яма у Янис Калниньш. Позвоните Янису Калниньшу, спросите Калнинша Яниса.'),
      'Яма у […]. Позвоните […], спросите […].',
    );
    assert.equal(masked('Ivans Petrovs', 'Иван Петров живёт здесь. Ивану Петрову.'), '[…] живёт здесь. […].');
    assert.equal(masked('Jevgēņijs Ivanovs', 'Спросите Евгения Иванова'), 'Спросите […]');
    assert.equal(masked('Ilze Bērziņa', 'дом Илзе Берзиня'), 'дом […]');
    assert.equal(masked('Jānis Kalniņš', 'Yanis Kalnins lives here'), '[…] lives here');
  });

  it('finds a name typed in Cyrillic, declined, with ё or е, and in Latin letters', () => {
    assert.equal(
      masked('Иван Петров', 'Звоните Ивану Петрову или Петрову Ивану; Ivans Petrovs, Ivana Petrova.'),
      'Звоните […] или […]; […], […].',
    );
    assert.equal(
      masked('Пётр Щукин', 'у Петра Щукина, Pjotrs? Pëtr; Shchukin Petr'),
      'у […], Pjotrs? Pëtr; […]',
    );
  });

  it('finds a Russian name typed in Latin letters two for one, in Cyrillic (a helper’s finding)', () => {
    assert.equal(masked('Mikhail Shishkin', 'Михаил Шишкин звонил; Михаилу Шишкину.'), '[…] звонил; […].');
    assert.equal(masked('Aleksandr Shchukin', 'у Александра Щукина'), 'у […]');
    assert.equal(masked('Aleksandrs Ščukins', 'Александр Щукин'), '[…]');
    assert.equal(masked('Yuri Zhukov', 'Юрий Жуков, Юрию Жукову'), '[…], […]');
    assert.equal(masked('Anton Chekhov', 'Антон Чехов'), '[…]');
    assert.equal(masked('Olga Tsvetkova', 'Ольга Цветкова'), '[…]');
    // Each letter on its own still reads as before, and others stay.
    assert.equal(masked('Mikhail Shishkin', 'Михаил Шишов и Павел Шишкин'), 'Михаил Шишов и Павел Шишкин');
  });

  it('finds an English name where the answer writes it the Latvian or the Russian way, and back', () => {
    // x and ks, a last "er" and "r", th and t, ph and f, ch and k, a doubled letter once.
    assert.equal(
      masked('Alexander Smith', 'Aleksandrs Smits zvanīja; Aleksandram Smitam; Smits Aleksandrs.'),
      '[…] zvanīja; […]; […].',
    );
    assert.equal(masked('Alexander Smith', 'Звонил Александр Смит; Александру Смиту.'), 'Звонил […]; […].');
    assert.equal(
      masked('Peter Miller', 'Pēteris Millers; Pētera Millera; Пётр Миллер, Петру Миллеру.'),
      '[…]; […]; […], […].',
    );
    assert.equal(masked('Christopher Phillips', 'Kristofers Filipss; Кристофер Филлипс'), '[…]; […]');
    assert.equal(masked('Max Miller', 'Makss Millers'), '[…]');
    // The other way: a Latvian or Russian name that the answer writes the English way.
    assert.equal(masked('Aleksandrs Ivanovs', 'Alexander Ivanov called'), '[…] called');
    assert.equal(masked('Александр Иванов', 'Alexander Ivanov, Aleksandrs Ivanovs'), '[…], […]');
    assert.equal(masked('Pēteris Millers', 'Dear Peter Miller,'), 'Dear […],');
    assert.equal(masked('Kristofers Filips', 'Christopher Philip'), '[…]');
    assert.equal(masked('Smits Anna', 'Anna Smith'), '[…]');
  });

  it('leaves other people and words that only look like an English name’s spelling', () => {
    const text = 'Aleksandrs Ozols un Anna Smita; smilts; Aleksandrija; Pēteris Mills; Alex Smith';
    assert.equal(masked('Alexander Smith', text), text);
    assert.equal(masked('Peter Miller', 'Pēteris Milzis, Pāvels Millers'), 'Pēteris Milzis, Pāvels Millers');
  });

  it('leaves other people, a lone word and words that only begin like the name', () => {
    const text = 'Янис Озолс и Петр Калниньш; Калниньш знает; январь; Иванов Пётр';
    assert.equal(masked('Jānis Kalniņš', text), text);
    assert.equal(masked('Ivans Petrovs', 'Иван Иванов и Пётр Петров'), 'Иван Иванов и Пётр Петров');
  });

  it('takes the letters of a name typed with punctuation, a note, the surname first or a middle name', () => {
    const text = 'Raksta Jānis Kalniņš, Jāņa Kalniņa māja; JĀNIM KALNIŅAM.';
    for (const name of [
      'Jānis Kalniņš.',
      'Jānis Kalniņš (Kaunata)',
      'Kalniņš, Jānis',
      'Jānis Kalniņš, Kaunata',
      'Jānis Kalniņš (Kaun',
    ])
      assert.equal(masked(name, text), 'Raksta […], […] māja; […].', name);
    assert.equal(
      masked('Anna Marija Ozola', 'Anna Marija Ozola, Annas Ozolas, Anna Ozola; Ozola Anna Marija.'),
      '[…], […], […]; […].',
    );
    assert.equal(nameForms('Anna (Kaunata)'), undefined);
    assert.equal(nameForms('Anna.'), undefined);
  });

  it('finds an initial and the surname, declined, in either alphabet, but no lone initial or word', () => {
    assert.equal(
      masked('Jānis Kalniņš', 'J. Kalniņš, J.Kalniņš; pie J. Kalniņa; Kalniņam J.; Я. Калниньш'),
      '[…], […]; pie […]; […]; […]',
    );
    assert.equal(masked('J. Kalniņš', 'Zvanīt J. Kalniņam'), 'Zvanīt […]');
    // Without the full stop a letter is a word ("у Калниньша" is "at Kalniņš's"), and a lone surname is no name.
    const text = 'у Калниньша, J Kalniņš, Kalniņš zina, Anna un Ozola, A. Bērziņa';
    assert.equal(masked('Uldis Kalniņš', text), text);
    assert.equal(masked('Anna Ozola', text), text);
  });

  it('finds the surname alone with a title, as an answer greets its reader, in any case and alphabet', () => {
    assert.equal(
      masked(
        'Jānis Kalniņš',
        'Cienījamais Kalniņa kungs! Paldies Kalniņa kungam. Dear Mr. Kalniņš, MR KALNINS',
      ),
      'Cienījamais […]! Paldies […]. Dear […], […]',
    );
    assert.equal(masked('Anna Ozola', 'Ozolas kundzei; Mrs Ozola; госпоже Озоле'), '[…]; […]; […]');
    assert.equal(masked('Ivans Petrovs', 'Уважаемый господин Петров, Mr Petrovs'), 'Уважаемый […], […]');
    // Without a title a surname alone is left: it is often a word (a street, a tree) or another person.
    const text = 'Kalniņa iela 5; Ozola kungs no Liepām; Mr Ozols; ozols pie skolas';
    assert.equal(masked('Jānis Kalniņš', 'Kalniņa iela 5'), 'Kalniņa iela 5');
    assert.equal(masked('Anna Liepa', text), text);
  });

  it('needs no pattern for a text that holds neither the stems nor the other alphabet', () => {
    const forms = nameForms('Jānis Kalniņš')!;
    assert.equal(forms.mayHold('Bedre pie skolas'), false);
    assert.equal(forms.mayHold('Pie Jāņa Kalniņa'), true);
    assert.equal(forms.mayHold('Яма у школы'), true);
    assert.equal(nameForms('Anna'), undefined);
    assert.equal(nameForms(null), undefined);
  });
});
