import type { Language } from './demo-types.js';

/**
 * The other voices of a timeline. Parish staff answer in Latvian, as they do by email; reporters
 * comment, confirm a fix or say it is not fixed in their own language. {ref} is another report.
 */
export const staffReplies = {
  acknowledged: [
    'Paldies par ziņojumu! Esam to saņēmuši un nodevuši pagasta saimniecības daļai.',
    'Paldies, ziņojums saņemts. Vietu apsekosim šīs nedēļas laikā.',
    'Labdien! Informācija nodota komunālās saimniecības vadītājam.',
    'Paldies, ka ziņojāt. Meistars aizbrauks apskatīties tuvākajās dienās.',
    'Ziņojumu saņēmām, par turpmāko informēsim šeit.',
  ],
  in_progress: [
    'Darbi ieplānoti nākamnedēļ.',
    'Meistars vietu apsekoja, materiāli pasūtīti.',
    'Darbi sākti, lūdzam pacietību.',
    'Darbu veiks līgumpartneris, tiklīdz laikapstākļi atļaus.',
  ],
  resolved: ['Darbi pabeigti.', 'Problēma novērsta. Paldies par ziņojumu!'],
  not_responsible: [
    'Šis ir valsts autoceļš, ko uztur VSIA "Latvijas Valsts ceļi". Ziņojumu esam pārsūtījuši viņiem.',
    'Tas nav pagasta pārvaldes pārziņā; esam informējuši atbildīgo iestādi.',
    'Teritorija pieder privātpersonai; esam sazinājušies ar īpašnieku.',
  ],
  no_action: [
    'Vietu apsekojām, bet problēmu nekonstatējām.',
    'Šogad budžetā tam nav līdzekļu; ideju iekļausim nākamā gada plānā.',
  ],
  duplicate: ['Par šo jau ir ziņots ({ref}); lūdzam sekot līdzi tur.', 'Dublikāts: tas pats jau ir {ref}.'],
} as const;

/** The community social worker, to a reporter of a private request. */
export const socialWorkerReplies = {
  acknowledged: [
    'Paldies, ka ziņojāt. Sazināšos ar ģimeni tuvāko dienu laikā.',
    'Paldies, informācija saņemta. Šonedēļ apciemošu.',
  ],
  in_progress: ['Apciemoju, kopā meklējam risinājumu.', 'Esam vienojušies par palīdzību, to organizējam.'],
  resolved: [
    'Palīdzība noorganizēta: brīvprātīgais reizi nedēļā atved pārtiku.',
    'Noorganizēts transports pie ārsta, turpmāk to palīdzēs sociālais dienests.',
    'Malka sagādāta ar pagasta atbalstu.',
  ],
} as const;

export const reporterComments: Record<Language, readonly string[]> = {
  lv: [
    'Paldies par ātru atbildi!',
    'Joprojām nekas nav mainījies.',
    'Pēc lietus kļuvis vēl sliktāk.',
    'Kaimiņi arī gaida, kad to salabos.',
    'Pievienoju vēl informāciju: vieta ir pa labi, braucot no centra.',
  ],
  ru: ['Спасибо за быстрый ответ!', 'Пока ничего не изменилось.', 'После дождя стало ещё хуже.'],
  en: ['Thanks for the quick reply!', 'Nothing has changed yet.', 'It got worse after the rain.'],
};

export const reporterFixed: Record<Language, readonly string[]> = {
  lv: ['Salabots, paldies!', 'Viss kārtībā, paldies pagastam!', 'Izdarīts, liels paldies!'],
  ru: ['Всё сделано, спасибо!', 'Исправлено, спасибо!'],
  en: ['Fixed, thank you!', 'All done, many thanks!'],
};

export const reporterReopened: Record<Language, readonly string[]> = {
  lv: [
    'Pēc lietus viss atkal kā bijis.',
    'Diemžēl atkal tas pats.',
    'Salaboja tikai pusi, otrā pusē joprojām slikti.',
  ],
  ru: ['Опять то же самое.', 'После дождя всё вернулось.'],
  en: ['Unfortunately it is back again.', 'Only half of it was fixed.'],
};
