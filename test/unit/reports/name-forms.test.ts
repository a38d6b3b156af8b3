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

  it('leaves other people, a lone word and words that only begin like the name', () => {
    const text = 'Янис Озолс и Петр Калниньш; Калниньш знает; январь; Иванов Пётр';
    assert.equal(masked('Jānis Kalniņš', text), text);
    assert.equal(masked('Ivans Petrovs', 'Иван Иванов и Пётр Петров'), 'Иван Иванов и Пётр Петров');
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
