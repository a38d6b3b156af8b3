/**
 * How residents name the places of each parish in their own words: the centre's Latvian genitive
 * and locative (Latvian declines place names), roads as pairs of places (written "Rēzekne–Malta"),
 * and the lake a parish is known for. Names of places outside the novads are there for the roads.
 */
export interface DemoPlace {
  /** Genitive of the centre: "Maltas skola". */
  gen: string;
  /** Locative of the centre: "Maltā". */
  loc: string;
  /** Accusative of the centre: "pagrieziens uz Maltu". */
  acc: string;
  roads: readonly (readonly [string, string])[];
  lake?: DemoLake;
}

export interface DemoLake {
  lv: string;
  ru: string;
  en: string;
}

const razna: DemoLake = { lv: 'Rāznas ezera', ru: 'озера Разна', en: 'Lake Rāzna' };
const lubans: DemoLake = { lv: 'Lubāna ezera', ru: 'озера Лубанс', en: 'Lake Lubāns' };
const feimanis: DemoLake = { lv: 'Feimaņu ezera', ru: 'Фейманского озера', en: 'Lake Feimaņi' };

export const demoPlaces: Readonly<Record<string, DemoPlace>> = {
  audrinu: {
    gen: 'Audriņu',
    loc: 'Audriņos',
    acc: 'Audriņus',
    roads: [
      ['Rēzekne', 'Audriņi'],
      ['Audriņi', 'Sakstagals'],
    ],
  },
  berzgales: {
    gen: 'Bērzgales',
    loc: 'Bērzgalē',
    acc: 'Bērzgali',
    roads: [
      ['Rēzekne', 'Bērzgale'],
      ['Bērzgale', 'Rogovka'],
    ],
  },
  cornajas: {
    gen: 'Čornajas',
    loc: 'Čornajā',
    acc: 'Čornaju',
    roads: [
      ['Rēzekne', 'Čornaja'],
      ['Čornaja', 'Lūznava'],
    ],
    lake: razna,
  },
  deksares: {
    gen: 'Dekšāru',
    loc: 'Dekšārēs',
    acc: 'Dekšāres',
    roads: [
      ['Viļāni', 'Dekšāres'],
      ['Dekšāres', 'Strupļi'],
    ],
  },
  dricanu: {
    gen: 'Dricānu',
    loc: 'Dricānos',
    acc: 'Dricānus',
    roads: [
      ['Rēzekne', 'Dricāni'],
      ['Dricāni', 'Stružāni'],
    ],
  },
  feimanu: {
    gen: 'Feimaņu',
    loc: 'Feimaņos',
    acc: 'Feimaņus',
    roads: [
      ['Malta', 'Feimaņi'],
      ['Feimaņi', 'Puša'],
    ],
    lake: feimanis,
  },
  gaigalavas: {
    gen: 'Gaigalavas',
    loc: 'Gaigalavā',
    acc: 'Gaigalavu',
    roads: [
      ['Rēzekne', 'Gulbene'],
      ['Gaigalava', 'Nagļi'],
    ],
    lake: lubans,
  },
  griskanu: {
    gen: 'Sprūževas',
    loc: 'Sprūževā',
    acc: 'Sprūževu',
    roads: [
      ['Rēzekne', 'Ludza'],
      ['Sprūževa', 'Lendži'],
    ],
  },
  ilzeskalna: {
    gen: 'Ilzeskalna',
    loc: 'Ilzeskalnā',
    acc: 'Ilzeskalnu',
    roads: [
      ['Rēzekne', 'Ilzeskalns'],
      ['Ilzeskalns', 'Lendži'],
    ],
  },
  kantinieku: {
    gen: 'Liužas',
    loc: 'Liužā',
    acc: 'Liužu',
    roads: [
      ['Rēzekne', 'Liuža'],
      ['Liuža', 'Ozolmuiža'],
    ],
  },
  kaunatas: {
    gen: 'Kaunatas',
    loc: 'Kaunatā',
    acc: 'Kaunatu',
    roads: [
      ['Rēzekne', 'Kaunata'],
      ['Kaunata', 'Lipuški'],
    ],
    lake: razna,
  },
  lendzu: {
    gen: 'Lendžu',
    loc: 'Lendžos',
    acc: 'Lendžus',
    roads: [
      ['Rēzekne', 'Lendži'],
      ['Lendži', 'Sprūževa'],
    ],
  },
  luznavas: {
    gen: 'Lūznavas',
    loc: 'Lūznavā',
    acc: 'Lūznavu',
    roads: [
      ['Rēzekne', 'Malta'],
      ['Lūznava', 'Čornaja'],
    ],
  },
  maltas: {
    gen: 'Maltas',
    loc: 'Maltā',
    acc: 'Maltu',
    roads: [
      ['Rēzekne', 'Malta'],
      ['Malta', 'Puša'],
      ['Malta', 'Lūznava'],
    ],
  },
  makonkalna: {
    gen: 'Lipušku',
    loc: 'Lipuškos',
    acc: 'Lipuškus',
    roads: [
      ['Kaunata', 'Lipuški'],
      ['Lipuški', 'Puša'],
    ],
    lake: razna,
  },
  naglu: {
    gen: 'Nagļu',
    loc: 'Nagļos',
    acc: 'Nagļus',
    roads: [
      ['Gaigalava', 'Nagļi'],
      ['Nagļi', 'Rikava'],
    ],
    lake: lubans,
  },
  nautrenu: {
    gen: 'Rogovkas',
    loc: 'Rogovkā',
    acc: 'Rogovku',
    roads: [
      ['Rēzekne', 'Rogovka'],
      ['Rogovka', 'Kārsava'],
    ],
  },
  ozolaines: {
    gen: 'Balbišu',
    loc: 'Balbišos',
    acc: 'Balbišus',
    roads: [
      ['Rēzekne', 'Malta'],
      ['Balbiši', 'Lūznava'],
    ],
  },
  ozolmuizas: {
    gen: 'Ozolmuižas',
    loc: 'Ozolmuižā',
    acc: 'Ozolmuižu',
    roads: [
      ['Rēzekne', 'Ozolmuiža'],
      ['Ozolmuiža', 'Sakstagals'],
    ],
  },
  pusas: {
    gen: 'Pušas',
    loc: 'Pušā',
    acc: 'Pušu',
    roads: [
      ['Malta', 'Puša'],
      ['Puša', 'Feimaņi'],
    ],
  },
  rikavas: {
    gen: 'Rikavas',
    loc: 'Rikavā',
    acc: 'Rikavu',
    roads: [
      ['Viļāni', 'Rikava'],
      ['Rikava', 'Nagļi'],
    ],
  },
  sakstagala: {
    gen: 'Sakstagala',
    loc: 'Sakstagalā',
    acc: 'Sakstagalu',
    roads: [
      ['Rēzekne', 'Viļāni'],
      ['Sakstagals', 'Audriņi'],
    ],
  },
  silmalas: {
    gen: 'Gornicas',
    loc: 'Gornicā',
    acc: 'Gornicu',
    roads: [
      ['Rēzekne', 'Gornica'],
      ['Gornica', 'Balbiši'],
    ],
  },
  sokolku: {
    gen: 'Strupļu',
    loc: 'Strupļos',
    acc: 'Strupļus',
    roads: [
      ['Viļāni', 'Strupļi'],
      ['Strupļi', 'Varakļāni'],
    ],
  },
  stolerovas: {
    gen: 'Stoļerovas',
    loc: 'Stoļerovā',
    acc: 'Stoļerovu',
    roads: [
      ['Rēzekne', 'Kaunata'],
      ['Stoļerova', 'Čornaja'],
    ],
  },
  struzanu: {
    gen: 'Stružānu',
    loc: 'Stružānos',
    acc: 'Stružānus',
    roads: [
      ['Rēzekne', 'Gulbene'],
      ['Stružāni', 'Dricāni'],
    ],
  },
  veremu: {
    gen: 'Sondoru',
    loc: 'Sondoros',
    acc: 'Sondorus',
    roads: [
      ['Rēzekne', 'Sondori'],
      ['Sondori', 'Ilzeskalns'],
    ],
  },
  vilanu: {
    gen: 'Viļānu',
    loc: 'Viļānos',
    acc: 'Viļānus',
    roads: [
      ['Viļāni', 'Preiļi'],
      ['Viļāni', 'Rikava'],
    ],
  },
  vilani: {
    gen: 'Viļānu',
    loc: 'Viļānos',
    acc: 'Viļānus',
    roads: [
      ['Rēzekne', 'Viļāni'],
      ['Viļāni', 'Preiļi'],
      ['Viļāni', 'Varakļāni'],
    ],
  },
};

/** Russian names of every place a road above starts or ends at, and of every centre. */
export const russianPlaceNames: Readonly<Record<string, string>> = {
  Audriņi: 'Аудрини',
  Balbiši: 'Балбиши',
  Bērzgale: 'Берзгале',
  Čornaja: 'Чорная',
  Dekšāres: 'Декшарес',
  Dricāni: 'Дрицаны',
  Feimaņi: 'Феймани',
  Gaigalava: 'Гайгалава',
  Gornica: 'Горница',
  Gulbene: 'Гулбене',
  Ilzeskalns: 'Илзескалнс',
  Kārsava: 'Карсава',
  Kaunata: 'Кауната',
  Lendži: 'Ленджи',
  Lipuški: 'Липушки',
  Liuža: 'Люжа',
  Ludza: 'Лудза',
  Lūznava: 'Лузнава',
  Malta: 'Малта',
  Nagļi: 'Нагли',
  Ozolmuiža: 'Озолмуйжа',
  Preiļi: 'Прейли',
  Puša: 'Пуша',
  Rēzekne: 'Резекне',
  Rikava: 'Рикава',
  Rogovka: 'Роговка',
  Sakstagals: 'Сакстагалс',
  Sondori: 'Сондоры',
  Sprūževa: 'Спружева',
  Stoļerova: 'Столерово',
  Strupļi: 'Струпли',
  Stružāni: 'Стружаны',
  Varakļāni: 'Варакляны',
  Viļāni: 'Виляны',
};

/** Street names as they stand before "iela" (genitive), common in the villages of Latgale. */
export const streets: readonly string[] = [
  'Skolas',
  'Dārza',
  'Ezera',
  'Meža',
  'Pasta',
  'Parka',
  'Brīvības',
  'Rēzeknes',
  'Lauku',
  'Centra',
  'Saules',
  'Baznīcas',
  'Dzirnavu',
  'Kalna',
  'Ozolu',
  'Liepu',
  'Bērzu',
];
