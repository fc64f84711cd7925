/**
 * What a Russian shopping mall sells: categories with plausible economics (daily takings per
 * register, average ticket, refunds, cash share, VAT), brand names and goods. Brands are invented.
 */

export type VatProfile = "basic" | "reduced" | "none";

export interface CategorySpec {
  key: string;
  /** Renta category "Вид деятельности". */
  activity: string;
  /** Renta category "Формат". */
  format: string;
  /** Store name pattern: `${prefix} "${brand}"`, or the brand alone. */
  prefix?: string;
  brands: readonly string[];
  goods: readonly string[];
  /** Takings per register on an ordinary weekday, roubles. */
  dailyRub: readonly [number, number];
  ticketRub: number;
  refundPermille: readonly [number, number];
  cashPermille: readonly [number, number];
  prepaidPermille: number;
  creditPermille: number;
  vat: VatProfile;
  /** Open past midnight: shifts close the next day. */
  lateClose: boolean;
  /** How many tenants of this kind, relatively. */
  weight: number;
  /** How strongly extra registers go to this kind of tenant. */
  kktWeight: number;
  maxKkts: number;
  /** Weekend uplift, permille (1000 = none). */
  weekendPermille: number;
  /** Goods (1) or services (4): the receipt's subject type. */
  subjectType: 1 | 4;
  soleTraderShare: number;
}

export const CATEGORIES: readonly CategorySpec[] = [
  {
    key: "clothing", activity: "Одежда и обувь", format: "Ритейл - Магазин одежды",
    brands: ["Северная Линия", "Городской Стиль", "Белый Лён", "Твид и Кашемир", "Мастерская Джинса", "Ладога", "Осенний Бульвар", "Вельвет", "Сударыня", "Крой", "Пятый Сезон", "Норд Вэй"],
    goods: ["Брюки", "Джемпер", "Платье", "Рубашка", "Куртка", "Футболка", "Юбка", "Пальто", "Джинсы"],
    dailyRub: [70_000, 380_000], ticketRub: 4_300, refundPermille: [30, 80], cashPermille: [40, 120], prepaidPermille: 5, creditPermille: 0,
    vat: "basic", lateClose: false, weight: 22, kktWeight: 1.5, maxKkts: 4, weekendPermille: 1320, subjectType: 1, soleTraderShare: 0.1,
  },
  {
    key: "shoes", activity: "Одежда и обувь", format: "Ритейл - Обувной магазин",
    brands: ["Шаг Вперёд", "Каблучок", "Топотун", "Обувной Двор", "Сапожникъ", "Трек"],
    goods: ["Ботинки", "Кроссовки", "Туфли", "Сапоги", "Сандалии", "Крем для обуви"],
    dailyRub: [50_000, 250_000], ticketRub: 5_200, refundPermille: [25, 60], cashPermille: [50, 130], prepaidPermille: 0, creditPermille: 0,
    vat: "basic", lateClose: false, weight: 8, kktWeight: 1.2, maxKkts: 3, weekendPermille: 1300, subjectType: 1, soleTraderShare: 0.1,
  },
  {
    key: "grocery", activity: "Продукты питания", format: "Ритейл - Супермаркет", prefix: "Супермаркет",
    brands: ["Перекрёсток Вкусов", "Гастроном №1", "Семейная Корзина", "Лавка у Дома"],
    goods: ["Молоко 3,2%", "Хлеб бородинский", "Сыр российский", "Яблоки", "Кофе молотый", "Куриное филе", "Вода 1,5 л"],
    dailyRub: [250_000, 900_000], ticketRub: 1_150, refundPermille: [1, 4], cashPermille: [120, 220], prepaidPermille: 0, creditPermille: 0,
    vat: "reduced", lateClose: false, weight: 2, kktWeight: 9, maxKkts: 12, weekendPermille: 1180, subjectType: 1, soleTraderShare: 0,
  },
  {
    key: "restaurant", activity: "Общепит", format: "Общепит - Ресторан", prefix: "Ресторан",
    brands: ["Магадан", "Старый Тбилиси", "Пхали-Хинкали", "Сибирская Тайга", "Пиросмани", "Угли", "Белуга и Щука", "Дача"],
    goods: ["Хинкали", "Борщ", "Стейк рибай", "Салат Цезарь", "Пельмени", "Лимонад", "Десерт Павлова"],
    dailyRub: [60_000, 260_000], ticketRub: 2_600, refundPermille: [0, 3], cashPermille: [30, 90], prepaidPermille: 0, creditPermille: 0,
    vat: "basic", lateClose: true, weight: 7, kktWeight: 1.4, maxKkts: 3, weekendPermille: 1450, subjectType: 4, soleTraderShare: 0.05,
  },
  {
    key: "foodcourt", activity: "Общепит", format: "Общепит - Фуд-корт",
    brands: ["Блинная Теремок-Сити", "Шаурма Мастер", "Вок-Вок", "Пицца Тесто", "Бургерная Дровосек", "Плов-Центр", "Суши Сан", "Чебуречная Ялта"],
    goods: ["Блин с ветчиной", "Шаурма", "Лапша вок", "Пицца Маргарита", "Бургер", "Плов", "Ролл Филадельфия", "Чебурек"],
    dailyRub: [45_000, 190_000], ticketRub: 620, refundPermille: [0, 4], cashPermille: [60, 160], prepaidPermille: 0, creditPermille: 0,
    vat: "basic", lateClose: false, weight: 10, kktWeight: 2, maxKkts: 3, weekendPermille: 1400, subjectType: 4, soleTraderShare: 0.25,
  },
  {
    key: "coffee", activity: "Общепит", format: "Общепит - Кофейня", prefix: "Кофейня",
    brands: ["Зерно", "Арабика Лаб", "Кофе и Точка", "Мокко Бар", "Бариста Бро", "Утро"],
    goods: ["Капучино", "Латте", "Американо", "Круассан", "Раф", "Чизкейк"],
    dailyRub: [18_000, 65_000], ticketRub: 360, refundPermille: [0, 2], cashPermille: [40, 120], prepaidPermille: 0, creditPermille: 0,
    vat: "basic", lateClose: false, weight: 6, kktWeight: 1, maxKkts: 2, weekendPermille: 1250, subjectType: 4, soleTraderShare: 0.5,
  },
  {
    key: "electronics", activity: "Электроника и бытовая техника", format: "Ритейл - Магазин электроники",
    brands: ["Цифровой Мир", "Техносила Плюс", "Гаджет Хаус", "Электрон", "Вольт"],
    goods: ["Смартфон", "Наушники беспроводные", "Ноутбук", "Чехол для телефона", "Умная колонка", "Телевизор 55\""],
    dailyRub: [120_000, 650_000], ticketRub: 9_500, refundPermille: [15, 45], cashPermille: [30, 90], prepaidPermille: 15, creditPermille: 40,
    vat: "basic", lateClose: false, weight: 5, kktWeight: 3, maxKkts: 6, weekendPermille: 1300, subjectType: 1, soleTraderShare: 0,
  },
  {
    key: "mobile", activity: "Электроника и бытовая техника", format: "Ритейл - Салон связи", prefix: "Салон связи",
    brands: ["Связной Центр", "Сигнал", "Мобилайн", "Абонент"],
    goods: ["SIM-карта", "Защитное стекло", "Зарядное устройство", "Смартфон", "Пополнение баланса"],
    dailyRub: [25_000, 120_000], ticketRub: 2_400, refundPermille: [10, 30], cashPermille: [80, 180], prepaidPermille: 0, creditPermille: 20,
    vat: "basic", lateClose: false, weight: 4, kktWeight: 1, maxKkts: 2, weekendPermille: 1150, subjectType: 1, soleTraderShare: 0.2,
  },
  {
    key: "cosmetics", activity: "Красота и здоровье", format: "Ритейл - Парфюмерия и косметика",
    brands: ["Золотое Яблочко", "Летуаль Сити", "Бьюти Лаб", "Роза Ветров", "Аромат"],
    goods: ["Парфюмерная вода", "Крем для лица", "Тушь для ресниц", "Шампунь", "Помада"],
    dailyRub: [50_000, 260_000], ticketRub: 1_900, refundPermille: [5, 20], cashPermille: [50, 120], prepaidPermille: 0, creditPermille: 0,
    vat: "basic", lateClose: false, weight: 7, kktWeight: 1.5, maxKkts: 3, weekendPermille: 1250, subjectType: 1, soleTraderShare: 0.15,
  },
  {
    key: "pharmacy", activity: "Красота и здоровье", format: "Аптека", prefix: "Аптека",
    brands: ["Здоровье", "Ригла-Сити", "Фармленд", "Доктор Столетов"],
    goods: ["Ибупрофен", "Витамин D3", "Пластырь", "Капли в нос", "Тонометр"],
    dailyRub: [40_000, 160_000], ticketRub: 950, refundPermille: [0, 3], cashPermille: [120, 220], prepaidPermille: 0, creditPermille: 0,
    vat: "reduced", lateClose: false, weight: 3, kktWeight: 1.3, maxKkts: 2, weekendPermille: 1050, subjectType: 1, soleTraderShare: 0,
  },
  {
    key: "kids", activity: "Детские товары", format: "Ритейл - Детский магазин",
    brands: ["Детский Остров", "Кораблик", "Мишутка", "Игрушкин", "Кроха"],
    goods: ["Конструктор", "Комбинезон детский", "Кукла", "Подгузники", "Коляска"],
    dailyRub: [40_000, 220_000], ticketRub: 2_300, refundPermille: [10, 35], cashPermille: [60, 140], prepaidPermille: 0, creditPermille: 0,
    vat: "reduced", lateClose: false, weight: 5, kktWeight: 1.3, maxKkts: 3, weekendPermille: 1380, subjectType: 1, soleTraderShare: 0.1,
  },
  {
    key: "sport", activity: "Спорт и отдых", format: "Ритейл - Спортивный магазин",
    brands: ["Спортмастерская", "Вершина", "Атлет", "Вело-Мир", "Турист"],
    goods: ["Кроссовки беговые", "Куртка мембранная", "Гантели", "Велосипед", "Рюкзак"],
    dailyRub: [60_000, 320_000], ticketRub: 4_100, refundPermille: [20, 50], cashPermille: [40, 100], prepaidPermille: 5, creditPermille: 10,
    vat: "basic", lateClose: false, weight: 4, kktWeight: 1.5, maxKkts: 4, weekendPermille: 1300, subjectType: 1, soleTraderShare: 0.05,
  },
  {
    key: "home", activity: "Товары для дома", format: "Ритейл - Дом и интерьер",
    brands: ["Уютный Дом", "Хозяюшка", "Интерьерная Лавка", "Посуда Центр", "Текстиль Хаус"],
    goods: ["Плед", "Набор посуды", "Светильник", "Подушка", "Ваза", "Полотенце"],
    dailyRub: [35_000, 200_000], ticketRub: 2_900, refundPermille: [10, 30], cashPermille: [60, 130], prepaidPermille: 0, creditPermille: 0,
    vat: "basic", lateClose: false, weight: 5, kktWeight: 1.2, maxKkts: 3, weekendPermille: 1280, subjectType: 1, soleTraderShare: 0.15,
  },
  {
    key: "jewelry", activity: "Ювелирные изделия и аксессуары", format: "Ритейл - Ювелирный салон", prefix: "Ювелирный салон",
    brands: ["Золотой Век", "Адамант", "Алмазная Грань", "Серебряный Ряд"],
    goods: ["Кольцо золотое", "Серьги серебряные", "Цепочка", "Браслет", "Часы наручные"],
    dailyRub: [30_000, 320_000], ticketRub: 14_500, refundPermille: [10, 40], cashPermille: [60, 150], prepaidPermille: 10, creditPermille: 30,
    vat: "basic", lateClose: false, weight: 3, kktWeight: 1, maxKkts: 2, weekendPermille: 1300, subjectType: 1, soleTraderShare: 0.1,
  },
  {
    key: "books", activity: "Книги и канцтовары", format: "Ритейл - Книжный магазин",
    brands: ["Читай-Край", "Буквоед-Сити", "Книжный Квартал", "Переплёт"],
    goods: ["Книга", "Тетрадь", "Ручка гелевая", "Настольная игра", "Ежедневник"],
    dailyRub: [15_000, 70_000], ticketRub: 820, refundPermille: [5, 15], cashPermille: [80, 160], prepaidPermille: 0, creditPermille: 0,
    vat: "reduced", lateClose: false, weight: 2, kktWeight: 1, maxKkts: 2, weekendPermille: 1250, subjectType: 1, soleTraderShare: 0.1,
  },
  {
    key: "cinema", activity: "Развлечения", format: "Развлечения - Кинотеатр", prefix: "Кинотеатр",
    brands: ["Синема Парк", "Киномакс Сити", "Формула Кино"],
    goods: ["Билет в кино", "Попкорн большой", "Напиток 0,5 л", "Начос"],
    dailyRub: [60_000, 320_000], ticketRub: 880, refundPermille: [5, 20], cashPermille: [20, 70], prepaidPermille: 0, creditPermille: 0,
    vat: "none", lateClose: true, weight: 1, kktWeight: 2, maxKkts: 4, weekendPermille: 1800, subjectType: 4, soleTraderShare: 0,
  },
  {
    key: "services", activity: "Услуги", format: "Услуги - Бытовые услуги",
    brands: ["Химчистка Диана", "Ремонт обуви и ключей", "Фотоателье Кадр", "Ателье Игла", "Оптика Зоркий", "Барбершоп Борода"],
    goods: ["Химчистка пальто", "Изготовление ключа", "Фото на документы", "Подшив брюк", "Стрижка мужская", "Очки корригирующие"],
    dailyRub: [6_000, 45_000], ticketRub: 750, refundPermille: [0, 5], cashPermille: [150, 350], prepaidPermille: 20, creditPermille: 0,
    vat: "none", lateClose: false, weight: 6, kktWeight: 0.5, maxKkts: 1, weekendPermille: 1100, subjectType: 4, soleTraderShare: 0.6,
  },
];

/** Sales by month, permille of an average month (December is the peak). */
export const MONTH_PERMILLE = [860, 880, 960, 940, 980, 950, 960, 1010, 960, 980, 1060, 1380] as const;
/** Monday … Sunday, for a category whose weekend uplift is 1000; scaled per category. */
export const WEEKDAY_PERMILLE = [900, 910, 930, 960, 1080, 1000, 1000] as const;

export const MALLS = [
  { name: "АО \"ТРЦ СЕВЕРНОЕ СИЯНИЕ\"", region: "77", address: "125445, г. Москва, Ленинградское шоссе, д. 112, ТРЦ «Северное сияние»" },
  { name: "ООО \"МОЛЛ ЗАРЕЧЬЕ\"", region: "50", address: "143005, Московская обл., г. Одинцово, Можайское шоссе, д. 71, ТЦ «Заречье»" },
  { name: "АО \"ГАЛЕРЕЯ НЕВА\"", region: "78", address: "191036, г. Санкт-Петербург, Лиговский пр-т, д. 30, ТЦ «Галерея Нева»" },
  { name: "ООО \"ТЦ ВОЛЖСКИЙ\"", region: "52", address: "603000, г. Нижний Новгород, ул. Родионова, д. 187, ТЦ «Волжский»" },
  { name: "АО \"ТРК УРАЛ ПЛАЗА\"", region: "66", address: "620014, г. Екатеринбург, ул. Вайнера, д. 9, ТРК «Урал Плаза»" },
] as const;

export const PLACES = ["Торговый зал № 1", "Торговый зал № 2", "Кассовая зона", "Островная касса", "Павильон", "Фуд-корт, место", "Прикассовая зона"] as const;

export const SURNAMES_M = ["Иванов", "Смирнов", "Кузнецов", "Попов", "Лютов", "Соколов", "Морозов", "Волков", "Захаров", "Орлов", "Белов", "Григорьев"] as const;
export const SURNAMES_F = ["Иванова", "Смирнова", "Кузнецова", "Попова", "Соколова", "Морозова", "Волкова", "Захарова", "Орлова", "Белова"] as const;
export const NAMES_M = ["Кирилл", "Сергей", "Андрей", "Дмитрий", "Алексей", "Михаил", "Артём", "Игорь"] as const;
export const NAMES_F = ["Анна", "Елена", "Ольга", "Мария", "Татьяна", "Наталья", "Ирина", "Светлана"] as const;
export const PATRONYMICS_M = ["Сергеевич", "Андреевич", "Петрович", "Игоревич", "Викторович", "Александрович"] as const;
export const PATRONYMICS_F = ["Сергеевна", "Андреевна", "Петровна", "Игоревна", "Викторовна", "Александровна"] as const;
