// The demo newsroom: sections, tags and people of the fictional coastal city of al-Marsa.
import type { PersonInput } from '../people/index.js'

export const DEMO_SECTIONS = [
  { slug: 'local', name: 'محليات' },
  { slug: 'politics', name: 'سياسة' },
  { slug: 'economy', name: 'اقتصاد' },
  { slug: 'sports', name: 'رياضة' },
  { slug: 'culture', name: 'ثقافة' },
  { slug: 'tech', name: 'تقنية' },
  { slug: 'health', name: 'صحة' },
] as const

export type DemoSection = (typeof DEMO_SECTIONS)[number]['slug']

export const DEMO_TAGS = {
  marsa: 'المرسى',
  transport: 'النقل',
  infrastructure: 'البنية التحتية',
  education: 'التعليم',
  books: 'الكتب',
  weather: 'الطقس',
  environment: 'البيئة',
  legislation: 'التشريعات',
  transparency: 'الشفافية',
  'municipal-elections': 'الانتخابات البلدية',
  'interest-rates': 'أسعار الفائدة',
  markets: 'الأسواق المالية',
  inflation: 'التضخم',
  housing: 'الإسكان',
  port: 'الميناء',
  football: 'كرة القدم',
  'marsa-cup': 'كأس المرسى',
  'womens-sport': 'رياضة المرأة',
  'book-fair': 'معرض الكتاب',
  heritage: 'التراث',
  cinema: 'السينما',
  awards: 'الجوائز',
  telecom: 'الاتصالات',
  'digital-transformation': 'التحول الرقمي',
  'data-protection': 'حماية البيانات',
  ai: 'الذكاء الاصطناعي',
  startups: 'الشركات الناشئة',
  cybersecurity: 'الأمن السيبراني',
  vaccination: 'التطعيم',
  'school-health': 'الصحة المدرسية',
  hospitals: 'المستشفيات',
  budget: 'الموازنة العامة',
  'sport-for-all': 'الرياضة للجميع',
} as const

export type DemoTag = keyof typeof DEMO_TAGS

export const DEMO_PEOPLE = [
  {
    slug: 'abdullah-almansouri',
    name: 'عبدالله المنصوري',
    title: 'رئيس التحرير',
    bio: 'صحافي منذ خمسة وعشرين عاماً، بدأ مراسلاً برلمانياً ثم أدار تحرير صحيفة يومية قبل أن يتولى رئاسة تحرير «نشرة» عند تأسيسها.',
    mastheadPosition: 1,
  },
  {
    slug: 'samer-alkhatib',
    name: 'سامر الخطيب',
    title: 'مدير التحرير',
    bio: 'يشرف على غرفة الأخبار اليومية وجدول النشر، وعمل قبل ذلك محرراً في وكالة أنباء ومدرّباً على التحقق من المعلومات.',
    mastheadPosition: 2,
  },
  {
    slug: 'nawal-alotaibi',
    name: 'المحامية نوال العتيبي',
    title: 'المستشارة القانونية',
    bio: 'محامية مرخّصة متخصصة في قضايا النشر والإعلام وحماية البيانات، تراجع المواد الحساسة قبل نشرها وتكتب شروحاً مبسّطة للتشريعات الجديدة.',
    mastheadPosition: 3,
    inMastheadLine: true,
  },
  {
    slug: 'khaled-alrashid',
    name: 'خالد الرشيد',
    title: 'مراسل الشؤون السياسية',
    bio: 'يغطي أعمال مجلس الشورى الإقليمي والانتخابات البلدية، ويكتب عن الشفافية والتشريع.',
    mastheadPosition: 4,
  },
  {
    slug: 'lina-alshehri',
    name: 'لينا الشهري',
    title: 'محررة الاقتصاد',
    bio: 'تكتب عن السياسة النقدية والأسواق وتكلفة المعيشة، وتحب أن تبدأ القصة الاقتصادية من بيت أو دكان لا من جدول.',
    mastheadPosition: 5,
  },
  {
    slug: 'sami-alharbi',
    name: 'سامي الحربي',
    title: 'محرر الشؤون المحلية',
    bio: 'يتابع شؤون أمانة المدينة والنقل والبنية التحتية، ويتلقى ملاحظات القراء عن أحيائهم.',
    mastheadPosition: 6,
  },
  {
    slug: 'majed-aldosari',
    name: 'ماجد الدوسري',
    title: 'محرر رياضي',
    bio: 'يغطي كرة القدم المحلية والرياضات الأولمبية، ولاعب حراسة مرمى سابق في دوري الهواة.',
    mastheadPosition: 7,
  },
  {
    slug: 'hind-alfares',
    name: 'هند الفارس',
    title: 'محررة الثقافة',
    bio: 'تكتب عن الكتب والسينما والتراث العمراني، وتدير ملحق «نشرة» الثقافي الأسبوعي.',
    mastheadPosition: 8,
  },
  {
    slug: 'tarek-albanna',
    name: 'طارق البنّا',
    title: 'محرر التقنية',
    bio: 'مهندس برمجيات سابق يكتب عن الاتصالات والخصوصية والشركات الناشئة.',
    mastheadPosition: 9,
  },
  {
    slug: 'mona-alsalem',
    name: 'منى السالم',
    title: 'مراسلة الشؤون الصحية',
    bio: 'تغطي الصحة العامة والمستشفيات، وتحمل درجة الماجستير في علم الأوبئة.',
    mastheadPosition: 10,
  },
  {
    slug: 'faisal-alanazi',
    name: 'فيصل العنزي',
    title: 'مصوّر صحافي',
    bio: 'يصوّر لـ«نشرة» منذ انطلاقتها، ويرافق المراسلين في التقارير الميدانية من الميناء إلى الملاعب.',
    mastheadPosition: 11,
  },
] as const satisfies readonly PersonInput[]

export type DemoPerson = (typeof DEMO_PEOPLE)[number]['slug']

export const DEMO_SETTINGS = { name: 'نشرة', tagline: 'أخبار موثّقة بمصادرها، بالعربية' }
