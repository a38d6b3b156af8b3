export interface CategorySeed {
  code: string;
  kind: 'problem' | 'help';
  visibility: 'public' | 'private';
  name_lv: string;
  name_en: string;
  name_ru: string;
}

export const categories: readonly CategorySeed[] = [
  {
    code: 'roads',
    kind: 'problem',
    visibility: 'public',
    name_lv: 'Ceļi un ietves',
    name_en: 'Roads and pavements',
    name_ru: 'Дороги и тротуары',
  },
  {
    code: 'street-lighting',
    kind: 'problem',
    visibility: 'public',
    name_lv: 'Ielu apgaismojums',
    name_en: 'Street lighting',
    name_ru: 'Уличное освещение',
  },
  {
    code: 'waste',
    kind: 'problem',
    visibility: 'public',
    name_lv: 'Atkritumi',
    name_en: 'Waste',
    name_ru: 'Мусор и отходы',
  },
  {
    code: 'water',
    kind: 'problem',
    visibility: 'public',
    name_lv: 'Ūdensapgāde un kanalizācija',
    name_en: 'Water and sewage',
    name_ru: 'Водоснабжение и канализация',
  },
  {
    code: 'snow',
    kind: 'problem',
    visibility: 'public',
    name_lv: 'Sniega tīrīšana',
    name_en: 'Snow clearing',
    name_ru: 'Уборка снега',
  },
  {
    code: 'buildings',
    kind: 'problem',
    visibility: 'public',
    name_lv: 'Publiskās ēkas un rotaļu laukumi',
    name_en: 'Public buildings and playgrounds',
    name_ru: 'Общественные здания и детские площадки',
  },
  {
    code: 'environment',
    kind: 'problem',
    visibility: 'public',
    name_lv: 'Koki un vide',
    name_en: 'Trees and environment',
    name_ru: 'Деревья и окружающая среда',
  },
  {
    code: 'animals',
    kind: 'problem',
    visibility: 'public',
    name_lv: 'Klaiņojoši dzīvnieki',
    name_en: 'Stray animals',
    name_ru: 'Бездомные животные',
  },
  {
    code: 'transport',
    kind: 'problem',
    visibility: 'public',
    name_lv: 'Sabiedriskais transports',
    name_en: 'Public transport',
    name_ru: 'Общественный транспорт',
  },
  {
    code: 'youth',
    kind: 'problem',
    visibility: 'public',
    name_lv: 'Jauniešu aktivitātes un idejas',
    name_en: 'Youth activities and ideas',
    name_ru: 'Молодёжные мероприятия и идеи',
  },
  {
    code: 'other',
    kind: 'problem',
    visibility: 'public',
    name_lv: 'Cits',
    name_en: 'Other',
    name_ru: 'Другое',
  },
  {
    code: 'elderly-help',
    kind: 'help',
    visibility: 'private',
    name_lv: 'Palīdzība vecākam vai vientuļam cilvēkam',
    name_en: 'Help for an elderly or lonely person',
    name_ru: 'Помощь пожилому или одинокому человеку',
  },
  {
    code: 'social-other',
    kind: 'help',
    visibility: 'private',
    name_lv: 'Cita sociāla rakstura problēma',
    name_en: 'Other social concern',
    name_ru: 'Другой социальный вопрос',
  },
];
