import type { TextBook } from './demo-types.js';

/**
 * What Russian-speaking residents write. Street names stay in Latvian as on the signs ("улица
 * Skolas"); {in} is "в посёлке Малта" or "в Вилянах", {centre} and {road} are in Russian.
 */
export const ruBook: TextBook = {
  roads: {
    closers: ['Просьба отремонтировать.', 'Заранее спасибо!'],
    scenarios: [
      {
        scene: 'road',
        titles: ['Ямы на дороге {road}', 'Глубокие ямы на {km}-м км дороги {road}'],
        openers: [
          'На дороге {road} в районе {km}-го километра несколько глубоких ям.',
          'На дороге {road}, примерно на {km}-м километре, после зимы весь асфальт разбит.',
        ],
        details: [
          'Вчера сосед пробил колесо.',
          'По этой дороге каждое утро ездит школьный автобус.',
          'Вечером ям не видно, они полны воды.',
        ],
        locations: ['дорога {road}, {km} км'],
        closers: ['Просьба засыпать ямы.'],
        fixed: ['Bedres aizlāpītas.'],
        months: [3, 4, 5, 6, 7, 8, 9, 10, 11],
      },
      {
        scene: 'road',
        titles: ['Ямы на улице {street}', 'Разбит асфальт на улице {street}'],
        openers: [
          'На улице {street} {in} после зимы асфальт весь в ямах.',
          'У дома {no} на улице {street} большая яма прямо у въезда.',
        ],
        details: ['Машины обливают пешеходов водой.', 'Ночью там темно, яму не видно.'],
        locations: ['{centre}, улица {street} {no}'],
        fixed: ['Bedres aizlāpītas.'],
      },
      {
        scene: 'gravel',
        titles: ['Размыта дорога к кладбищу', 'Дорогу к кладбищу нужно грейдировать'],
        openers: [
          'Гравийная дорога к кладбищу {in} размыта после дождей.',
          'Дорога к кладбищу {in} вся в колеях, ехать можно только шагом.',
        ],
        details: [
          'Скоро праздник поминовения на кладбище, будет много людей.',
          'Канавы вдоль дороги заросли.',
        ],
        locations: ['дорога к кладбищу, {centre}'],
        fixed: ['Ceļš nogreiderēts.'],
        months: [4, 5, 6, 7, 8, 9, 10],
      },
    ],
  },
  'street-lighting': {
    closers: ['Просьба починить.', 'Спасибо!'],
    scenarios: [
      {
        scene: 'lamp',
        titles: ['Не горит фонарь у школы'],
        openers: ['Уже две недели не горит фонарь у школы {in}.'],
        details: [
          'Дети утром идут в школу в полной темноте.',
          'Там пешеходный переход, водители не видят детей.',
        ],
        locations: ['у школы, {centre}'],
        fixed: ['Spuldze nomainīta, apgaismojums darbojas.'],
        months: [1, 2, 3, 9, 10, 11, 12],
      },
      {
        scene: 'lamp',
        titles: ['Темно на улице {street}', 'Не горят фонари на улице {street}'],
        openers: ['На улице {street} {in} не горят два фонаря подряд.'],
        details: ['Вечером приходится ходить с фонариком.', 'Соседи думают, что в бурю повредило провод.'],
        locations: ['{centre}, улица {street}'],
        fixed: ['Apgaismojums salabots.'],
        months: [1, 2, 3, 9, 10, 11, 12],
      },
    ],
  },
  waste: {
    closers: ['Спасибо.'],
    scenarios: [
      {
        scene: 'bins',
        titles: ['Переполнены контейнеры у кладбища', 'Мусор у кладбища'],
        openers: [
          'У кладбища {in} контейнеры переполнены, мусор лежит на земле.',
          'У кладбища {in} мусор не вывозили уже три недели.',
        ],
        details: ['Ветер разносит пластиковые цветы по всему кладбищу.', 'Скоро кладбищенский праздник.'],
        locations: ['кладбище, {centre}', 'площадка для контейнеров у кладбища, {centre}'],
        closers: ['Просьба вывезти.'],
        fixed: ['Atkritumi izvesti.'],
        months: [5, 6, 7, 8, 9, 10],
      },
      {
        scene: 'dump',
        titles: ['Свалка на опушке', 'Строительный мусор у дороги'],
        openers: ['У дороги {road} на опушке кто-то вывалил строительный мусор и старые шины.'],
        details: ['Там есть и шифер.', 'Появилось на прошлых выходных.'],
        locations: ['опушка леса у дороги {road}, {km} км'],
        closers: ['Просьба убрать.'],
        fixed: ['Atkritumi savākti un aizvesti.'],
      },
    ],
  },
  water: {
    closers: ['Просьба срочно устранить.', 'Спасибо.'],
    scenarios: [
      {
        scene: 'water',
        titles: ['Течёт водопровод', 'Вода течёт по улице {street}'],
        openers: ['На улице {street} {in} из-под земли течёт вода, наверное, лопнула труба.'],
        details: ['Ночью подмерзает, очень скользко.', 'Напор воды в доме упал.'],
        locations: ['{centre}, улица {street} {no}'],
        fixed: ['Caurule nomainīta, ūdens padeve atjaunota.'],
      },
      {
        scene: 'water',
        titles: ['Нет крышки люка'],
        openers: ['На тротуаре на улице {street} {in} нет крышки канализационного люка.'],
        details: ['В темноте туда может упасть человек.', 'Пока положили туда ветку, чтобы было видно.'],
        locations: ['{centre}, улица {street} {no}'],
        fixed: ['Uzlikts jauns lūkas vāks.'],
      },
    ],
  },
  snow: {
    closers: ['Спасибо!'],
    scenarios: [
      {
        scene: 'snow',
        titles: ['Не чищена дорога', 'Дорогу замело'],
        openers: ['Дорогу от центра к нашим домам {in} не чистили уже три дня.'],
        details: ['На машине не выехать.', 'Соседке нужно к врачу в Резекне.'],
        locations: ['{centre}, дорога к лесу'],
        closers: ['Просьба почистить.'],
        fixed: ['Ceļš notīrīts.'],
        months: [1, 2, 3, 11, 12],
      },
      {
        scene: 'snow',
        titles: ['Гололёд у магазина'],
        openers: ['Тротуар у магазина {in} сплошной лёд.'],
        details: ['Пожилые люди боятся идти в магазин.', 'Вчера там упала женщина.'],
        locations: ['у магазина, {centre}'],
        closers: ['Просьба посыпать песком.'],
        fixed: ['Ietve nokaisīta.'],
        months: [1, 2, 3, 11, 12],
      },
    ],
  },
  animals: {
    closers: ['Просьба принять меры.', 'Спасибо.'],
    scenarios: [
      {
        scene: 'dog',
        titles: ['Бродячие собаки у школы'],
        openers: ['У школы {in} уже неделю бегают три большие собаки без ошейников.'],
        details: ['Дети боятся идти в школу.', 'Чьи они, никто не знает.'],
        locations: ['у школы, {centre}'],
        fixed: ['Suņi noķerti un nogādāti dzīvnieku patversmē.'],
      },
      {
        scene: 'dog',
        titles: ['Стая собак у остановки'],
        openers: ['По утрам у автобусной остановки {in} держится стая собак.'],
        details: ['Вчера собаки окружили велосипедиста.', 'Люди боятся ждать автобус.'],
        locations: ['автобусная остановка, {centre}'],
        fixed: ['Suņi noķerti un nogādāti dzīvnieku patversmē.'],
      },
    ],
  },
  transport: {
    closers: ['Спасибо.'],
    scenarios: [
      {
        scene: 'busstop',
        titles: ['Разбито стекло на остановке'],
        openers: ['На остановке «{centre}» у дороги {road} разбито стекло.'],
        details: ['Осколки лежат на земле.', 'Дети ждут автобус под дождём.'],
        locations: ['остановка «{centre}», дорога {road}'],
        closers: ['Просьба заменить стекло.'],
        fixed: ['Stikls nomainīts.'],
      },
      {
        titles: ['Нет расписания на остановке'],
        openers: ['На остановке «{centre}» нет расписания автобусов.'],
        details: ['Пожилые люди не знают, когда автобус.'],
        locations: ['остановка «{centre}»'],
        closers: ['Просьба повесить расписание.'],
        fixed: ['Saraksts izlikts.'],
      },
    ],
  },
  buildings: {
    closers: ['Просьба починить.'],
    scenarios: [
      {
        scene: 'playground',
        titles: ['Сломаны качели на детской площадке'],
        openers: ['На детской площадке у школы {in} сломаны качели, цепь висит.'],
        details: ['Дети играют там каждый день.'],
        locations: ['детская площадка у школы, {centre}'],
        fixed: ['Šūpoles salabotas.'],
      },
    ],
  },
  environment: {
    closers: ['Просьба убрать.'],
    scenarios: [
      {
        scene: 'tree',
        titles: ['Упало дерево на дорогу'],
        openers: ['После ночной бури на дорогу {road} в районе {km}-го км упала большая берёза.'],
        details: ['Ночью его не видно.', 'Школьный автобус не может проехать.'],
        locations: ['дорога {road}, {km} км'],
        fixed: ['Koks novākts, ceļš brīvs.'],
      },
      {
        scene: 'tree',
        titles: ['Дерево упало на провода'],
        openers: ['На улице {street} {in} старое дерево упало на провода.'],
        details: ['Провода висят почти до земли.'],
        locations: ['{centre}, улица {street} {no}'],
        fixed: ['Koks novākts.'],
      },
    ],
  },
  'elderly-help': {
    closers: ['Пожалуйста, свяжитесь со мной.', 'Спасибо.'],
    scenarios: [
      {
        titles: ['Одинокой соседке нужна помощь с дровами'],
        openers: ['Моей соседке 84 года, живёт одна {in}, у неё закончились дрова.'],
        details: ['Дети живут в Англии.', 'Я помогаю, как могу, но сама работаю в Резекне.'],
        locations: ['{centre}, улица {street}'],
      },
      {
        titles: ['Некому отвезти к врачу'],
        openers: ['Маме нужно к врачу в Резекне, а отвезти некому. Она живёт {in}.'],
        details: ['Автобус от нас не ходит.', 'Такси слишком дорогое.'],
        locations: ['{centre}'],
      },
    ],
  },
};
