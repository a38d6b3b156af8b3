import assert from 'node:assert/strict';
import { stripQuotedText } from '../../../src/mail/inbound/quotes.js';

const lines = (...parts: string[]): string => parts.join('\n');

describe('ending a reply at its sign-off and contact card', () => {
  for (const signOff of [
    'Ar cieņu',
    'Ar cieņu,',
    'Ar cienu',
    'AR CIEŅU!',
    'Ar cieņu un labiem vēlējumiem',
    'Ar labiem vēlējumiem',
    'Ar labiem velejumiem',
    'Ar sveicieniem',
    'Ar sveicienu,',
    'Ar sveicīni',
    'Ar labām vēlmēm,',
    'Ar labām vēlēšanām',
    'Ar pateicību,',
    'Cieņā,',
    'Sveicieni',
    'Visu labu!',
    'Lai jauka diena!',
    'Jauku dienu,',
    'Хорошего дня!',
    'Have a nice day,',
    'Paldies un ar cieņu',
    'Ar cīņu',
    'Vysu lobu',
    'Ar lobim vēlējumim',
    'Ar sveicynim',
    'С уважением,',
    'С наилучшими пожеланиями',
    'С уважением и благодарностью,',
    'С благодарностью!',
    'Всего доброго!',
    'Всего хорошего',
    'С уважением и наилучшими пожеланиями',
    'Best regards,',
    'Kind regards',
    'Regards',
    'Best wishes',
    'Best,',
    'Sincerely',
    'Yours sincerely',
    'Thanks and regards',
    'Cheers!',
  ]) {
    it(`cuts at "${signOff}" and everything after it`, () => {
      const text = lines(
        'Bedre aizbērta.',
        '',
        signOff,
        'Anna Bērziņa',
        'Kaunatas pagasta pārvalde',
        'tālr. 64600000',
      );
      assert.equal(stripQuotedText(text), 'Bedre aizbērta.');
    });
  }

  for (const signOff of [
    'Ar cieņu, Anna Bērziņa',
    'Best, John',
    'С уважением, Иван Петров',
    'Ar cieņu – J. Bērziņš',
  ]) {
    it(`cuts at a sign-off with the name on the same line: "${signOff}"`, () => {
      assert.equal(stripQuotedText(lines('Darīts.', signOff, 'Kaunatas pagasts')), 'Darīts.');
    });
  }

  for (const signOff of [
    'Ar cieņu, Anna (tālr. 64600000)',
    'Ar cieņu, pārvaldes vadītāja Anna Bērziņa',
    'Ar cieņu - Anna Bērziņa - 64600000',
    'С уважением, Иван (тел. 29123456)',
    'Best regards – John Smith, phone +371 29123456',
  ]) {
    it(`cuts at a sign-off with a title or a contact on its line (a tester’s replies): "${signOff}"`, () => {
      assert.equal(
        stripQuotedText(lines('Bedre aizlāpīta.', '', signOff, 'tālr. 64600000')),
        'Bedre aizlāpīta.',
      );
      assert.equal(stripQuotedText(lines('Bedre aizlāpīta.', signOff)), 'Bedre aizlāpīta.');
    });
  }

  it('cuts at good wishes with a name and phone below them, and at a one-line card', () => {
    assert.equal(
      stripQuotedText(lines('Bedre aizlāpīta.', '', 'Labu dienu!', 'Anna, tālr. 64600000')),
      'Bedre aizlāpīta.',
    );
    assert.equal(
      stripQuotedText(lines('Bedre aizlāpīta.', '', 'Anna Bērziņa, tālr. 64600000')),
      'Bedre aizlāpīta.',
    );
    assert.equal(stripQuotedText(lines('Done.', 'John Smith (john.smith@example.org)')), 'Done.');
  });

  it('keeps a sentence after a sign-off phrase and a comma, and good wishes that begin the answer', () => {
    for (const text of [
      lines('Darīts.', 'Best, we think, to wait until Monday.'),
      lines('Darīts.', 'Regards, the crew from Kaunata will call you'),
      lines('Labu dienu!', 'Bedre aizlāpīta.'),
      lines('Bedre aizlāpīta.', '', 'Ja atkal, zvaniet dispečeram:', 'Anna, tālr. 64600000'),
    ])
      assert.equal(stripQuotedText(text), text, text);
  });

  for (const footer of [
    'Sent from my iPhone',
    'Sent from my Samsung Galaxy',
    'Nosūtīts no mana iPhone',
    'Nosūtīts no Samsung',
    'Отправлено с iPhone',
  ]) {
    it(`cuts at the device footer "${footer}"`, () => {
      assert.equal(stripQuotedText(lines('Darīts.', '', footer)), 'Darīts.');
    });
  }

  it('does not cut at a sentence that merely contains or begins with a sign-off word', () => {
    for (const text of [
      'Please send our regards to the residents, the road is fixed.',
      'Best of all, the crew came a day early.',
      'Ar cieņu pret iedzīvotājiem darbus veiksim naktī.',
      'Ar pateicību par sadarbību brigāde darbus pabeidza.',
      'Sveicieni Ludzas novadam no mūsu brigādes!',
      'Visu labu mēs nesolām, bet bedri aizbērsim.',
      'С уважением относимся к каждому обращению, яму засыпали.',
    ]) {
      assert.equal(
        stripQuotedText(lines('Darīts.', text, 'Paldies.')),
        lines('Darīts.', text, 'Paldies.'),
        text,
      );
    }
  });

  it('cuts at thanks alone on a line with a name below it, and its card (a tester’s reply)', () => {
    const reply = lines(
      '#atrisinats Lampa nomainīta, paldies par ziņu!',
      '',
      'Paldies,',
      'Anna Bērziņa',
      'Kaunatas pagasta pārvaldes lietvede',
      'Tālr.: 64600000, mob. 29123456',
    );
    assert.equal(stripQuotedText(reply), '#atrisinats Lampa nomainīta, paldies par ziņu!');
    for (const thanks of ['Liels paldies!', 'Спасибо,', 'Большое спасибо!', 'Thank you,', 'Many thanks'])
      assert.equal(stripQuotedText(lines('Done.', thanks, 'J. Bērziņš')), 'Done.', thanks);
  });

  it('keeps thanks that begin or carry the answer', () => {
    for (const text of [
      lines('Paldies, Anna!', 'Lampu nomainīsim rīt.'),
      lines('Paldies!', 'lampu nomainīsim rīt.'),
      lines('Lampa nomainīta.', 'Paldies par ziņu, Jāni!'),
      lines('Thanks,', 'the crew comes on Monday.'),
      lines('Lampa nomainīta.', 'Paldies!'),
      lines('Paldies!', 'Darīts.'),
    ])
      assert.equal(stripQuotedText(text), text, text);
  });

  it('publishes nothing when the reply is only a sign-off and a name', () => {
    assert.equal(stripQuotedText(lines('Ar cieņu,', 'Anna')), '');
  });

  describe('a contact card without a sign-off', () => {
    it('cuts a name, title and phone below the answer', () => {
      const text = lines(
        'Bedre aizbērta.',
        '',
        'Anna Bērziņa',
        'Kaunatas pagasta pārvalde',
        'tālr. 64600000',
      );
      assert.equal(stripQuotedText(text), 'Bedre aizbērta.');
    });

    it('cuts a card with e-mail, phone, web and postal lines', () => {
      const text = lines(
        'Darbi pabeigti.',
        'J. Bērziņš',
        'Pārvaldes vadītājs',
        'Mob. +371 29 123 456',
        'e-pasts: kaunata@example.org',
        'www.example.org',
        'Kaunata, Rēzeknes novads, LV-4622',
      );
      assert.equal(stripQuotedText(text), 'Darbi pabeigti.');
    });

    it('cuts a name, office and postal address, with no phone (a tester’s reply)', () => {
      const text = lines(
        '#procesā Ceļu greiderēsim otrdien.',
        '',
        'Anna Bērziņa',
        'Kaunatas pagasta pārvalde',
        'Skolas iela 1, Kaunata, LV-4622',
      );
      assert.equal(stripQuotedText(text), '#procesā Ceļu greiderēsim otrdien.');
      const answer = lines('Darbi notiks pie skolas:', 'Skolas iela 1, Kaunata, LV-4622');
      assert.equal(stripQuotedText(answer), answer, 'an address that is the answer stays');
    });

    it('cuts a bare phone number or address directly under a name, in Russian and English', () => {
      assert.equal(stripQuotedText(lines('Сделано.', '', 'Иван Петров', 'тел. 8 029 123 4567')), 'Сделано.');
      assert.equal(stripQuotedText(lines('Done.', '', 'John Smith', '+371 29123456')), 'Done.');
      assert.equal(stripQuotedText(lines('Done.', '', 'John Smith', 'john.smith@example.org')), 'Done.');
    });

    it('cuts a name typed in lower case above a phone, with its title (a tester’s reply)', () => {
      for (const card of [
        ['anna bērziņa', 'tel. 64600000'],
        ['anna bērziņa', 'pārvaldes vadītāja', '29123456'],
        ['анна берзиня', 'тел. 8 029 123 4567'],
        ['john smith', 'john.smith@example.org'],
      ]) {
        assert.equal(stripQuotedText(lines('Bedre aizbērta.', '', ...card)), 'Bedre aizbērta.', card[0]);
        assert.equal(stripQuotedText(lines('Bedre aizbērta.', ...card)), 'Bedre aizbērta.', card[0]);
      }
      for (const text of [
        lines('Par jautājumiem sazinieties ar', 'annu bērziņu', 'tel. 64600000'),
        lines('anna bērziņa', 'tel. 64600000'),
        lines('Bedre aizbērta.', '', 'zvaniet, ja atkal parādās', '29123456'),
      ])
        assert.equal(stripQuotedText(text), text, text);
    });

    it('cuts a card of three title lines, as a council signs: name, post, office, municipality', () => {
      const text = lines(
        'Bedre ir apskatīta.',
        '',
        'Anna Bērziņa',
        'Kaunatas pagasta pārvaldes vadītāja',
        'Kaunatas pagasta pārvalde',
        'Rēzeknes novada pašvaldība',
        'Tālr. 64612345',
      );
      assert.equal(stripQuotedText(text), 'Bedre ir apskatīta.');
    });

    it('cuts a card written on one line between bars or middle dots, with one-letter labels', () => {
      for (const card of [
        'Anna Bērziņa | Kaunatas pagasta pārvalde | +371 64612345 | anna.berzina@example.org',
        'Anna Bērziņa | Vadītāja | T: 64612345',
        'Anna Bērziņa · Kaunatas pagasta pārvalde · E: anna@example.org',
        'John Smith|M: +371 29123456',
      ])
        assert.equal(stripQuotedText(lines('Darīsim rīt.', card)), 'Darīsim rīt.', card);
      const answer = lines('Darīsim rīt.', 'Grafiks | Pirmdiena | Otrdiena');
      assert.equal(stripQuotedText(answer), answer, 'a row of words with no contact is no card');
    });

    it('cuts a name alone under the answer, with its titles, or after a dash', () => {
      for (const signature of [
        ['Anna Bērziņa'],
        ['A. Bērziņa'],
        ['Анна Берзиня'],
        ['Anna Marija Bērziņa', 'Kaunatas pagasta pārvaldes vadītāja'],
        ['-- Anna'],
        ['— Anna Bērziņa'],
        ['Anna Bērziņa, Kaunatas pagasta pārvaldes vadītāja'],
        ['Анна Берзиня – руководитель управления волости'],
        ['Anna Berzina, Head of Kaunata parish administration'],
        ['Anna B.'],
        ['pārvaldes vadītāja A. Bērziņa'],
        ['Kaunatas pagasta sociālā darbiniece Anna Bērziņa'],
        ['galvenā speciāliste Anna Marija Bērziņa', 'Kaunatas pagasta pārvalde'],
        ['начальник управления волости А. Берзиня'],
        ['Head of Kaunata parish administration Anna Berzina'],
      ]) {
        assert.equal(stripQuotedText(lines('Izdarīts.', '', ...signature)), 'Izdarīts.', signature[0]);
        assert.equal(stripQuotedText(lines('Izdarīts.', ...signature)), 'Izdarīts.', signature[0]);
      }
    });

    it('cuts a common given name alone under the answer, in any of the languages, with or without its marks', () => {
      for (const [answer, name] of [
        ['Paldies, labojām.', 'Anna'],
        ['Paldies, labojām.', 'Jānis'],
        ['Paldies, labojām.', 'Janis'],
        ['Bedre aizbērta, zīme nolikta.', 'Mārīte'],
        ['Яму засыпали.', 'Андрей'],
        ['Яму засыпали.', 'Наталья'],
        ['The hole is filled.', 'John'],
        ['Darbi sāksies 12. decembrī!', 'Staņislavs'],
      ]) {
        assert.equal(stripQuotedText(lines(answer!, '', name!)), answer, name);
        assert.equal(stripQuotedText(lines(answer!, name!)), answer, name);
      }
      // With its title under it or after it, as a longer signature would be.
      assert.equal(stripQuotedText(lines('Labojām.', '', 'Anna', 'Kaunatas pagasta pārvalde')), 'Labojām.');
      assert.equal(stripQuotedText(lines('Labojām.', '', 'Anna, pārvaldes vadītāja')), 'Labojām.');
      // Every line of a longer answer above it stays.
      const answer = lines('Labdien!', '', 'Bedri aizbērām otrdien.', 'Zīmi noņemsim rīt.');
      assert.equal(stripQuotedText(lines(answer, '', 'Inese')), answer);
    });

    it('keeps a lone last word that is no common given name, or a name the answer needs', () => {
      for (const text of [
        // A village, a street, an answer's last word: no given name.
        lines('Bedre aizbērta.', '', 'Kaunata'),
        lines('Darbus veiks uzņēmums', 'Ziemeļi'),
        lines('Paldies.'),
        lines('Bedre aizbērta.', '', 'Paldies'),
        // A name the sentence above leads to, or the whole text.
        lines('Darbus veiks:', '', 'Jānis'),
        lines('Par to atbild', 'Anna'),
        lines('Anna'),
        lines('Izdarīts.', '', 'Paldies Jums, Anna'),
        // A word that is also a name, but no given name ("Rasa" is dew), and a declined name.
        lines('No rīta bija', 'Rasa'),
        lines('Izdarīts.', '', 'Annai'),
      ])
        assert.equal(stripQuotedText(text), text, text);
    });

    it('keeps a last line that is part of the answer, not a name', () => {
      for (const text of [
        lines('Darbus veiks:', '', 'Jānis Ozols'),
        lines('Darbus veiks brigāde, ko vada', 'Jānis Ozols'),
        lines('Bedre aizbērta.', '', 'Paldies Jums'),
        lines('Яму засыплем.', '', 'Ждём Вас'),
        lines('Bedre aizbērta.', '', 'P.S. Paldies'),
        lines('Bedre aizbērta.', '', 'Labu dienu'),
        lines('Anna Bērziņa'),
        lines('Darbi notiek Rēzeknes ielā.', 'SIA Ceļi'),
        lines('Izdarīts.', '', 'Jānis Ozols, mūsu brigadieris, zvanīs rīt.'),
        lines('Izdarīts.', '', 'Paldies Jums, Anna'),
        lines('Izdarīts.', '', 'Zvaniet vadītājai Annai Bērziņai'),
        lines('Izdarīts.', '', 'Darbus veiks inženieris Jānis Ozols'),
        lines('Izdarīts.', '', 'Atbildīgais: inženieris Jānis Ozols'),
        lines('Izdarīts.', '', 'Atbildīgā pārvaldes vadītāja'),
        lines('Bedre aizbērta.', '', 'Korpuss B'),
      ])
        assert.equal(stripQuotedText(text), text, text);
    });

    it('keeps an answer whose numbers are dates, sums and counts', () => {
      const text = lines('Darbi sāksies 12. decembrī, brigāde 3 cilvēki.', 'Izmaksas 1 200 EUR.');
      assert.equal(stripQuotedText(text), text);
    });

    it('keeps a phone number that is part of the answer rather than under a name', () => {
      const text = lines('Bedre aizbērta.', '', 'Ja bedre atkal parādās, zvaniet dispečeram:', '29123456');
      assert.equal(stripQuotedText(text), text);
    });

    it('keeps a card that is followed by more of the answer', () => {
      const text = lines('Anna Bērziņa', 'tel. 64600000', '', 'P.S. Brigāde būs rīt no rīta.');
      assert.equal(stripQuotedText(text), text);
    });

    it('keeps a name that may continue the unfinished sentence above it', () => {
      const text = lines('Par jautājumiem sazinieties ar', 'Annu Bērziņu', 'tel. 64600000');
      assert.equal(stripQuotedText(text), text);
    });

    it('keeps a date under a name, which is no phone number', () => {
      const text = lines('Apstiprināts.', '', 'Anna Bērziņa', '23.11.2026');
      assert.equal(stripQuotedText(text), text);
    });
  });
});

describe('ending a reply above the notices a council adds under every email', () => {
  for (const notice of [
    'Šis e-pasts un tā pielikumi var saturēt konfidenciālu informāciju.',
    'Ja esat saņēmis šo e-pastu kļūdas pēc, lūdzu, informējiet sūtītāju un izdzēsiet to.',
    'Pirms izdrukāt šo e-pastu, padomājiet par vidi!',
    'Это письмо и вложения могут содержать конфиденциальную информацию.',
    'Если вы получили это сообщение по ошибке, сообщите отправителю.',
    'This e-mail and any attachments are confidential. If you have received this message in error, please notify the sender.',
    'Please consider the environment before printing this email.',
  ]) {
    it(`cuts the card above "${notice.slice(0, 40)}…" and the notice`, () => {
      for (const signature of [
        ['Anna Bērziņa', 'Kaunatas pagasta pārvaldes vadītāja', 'Tālr. 64612345'],
        ['Ar cieņu,', 'Anna Bērziņa'],
        ['Anna Bērziņa'],
        [],
      ]) {
        const text = lines('Izdarīts.', '', ...signature, '', notice);
        assert.equal(stripQuotedText(text), 'Izdarīts.', text);
      }
      const two = lines('Izdarīts.', '', 'Anna Bērziņa', 'tālr. 64612345', '', notice, '', notice);
      assert.equal(stripQuotedText(two), 'Izdarīts.');
    });
  }

  it('keeps an answer that speaks of confidential data, errors or printing', () => {
    for (const text of [
      lines('Darbus pabeidzām.', '', 'Jūsu dati ir konfidenciāli un netiek nodoti.'),
      lines('Darbus pabeidzām.', '', 'Ja saņēmāt rēķinu kļūdas pēc, zvaniet uz pārvaldi.'),
      lines('Darbus pabeidzām.', '', 'Veidlapu var izdrukāt bibliotēkā.'),
      lines('Šis e-pasts ir konfidenciāls, bet atbildu: bedre aizbērta.'),
    ])
      assert.equal(stripQuotedText(text), text, text);
  });
});
