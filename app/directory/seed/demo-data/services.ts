import type { CategoryCode } from "#db/codes/categories";
import { SUPPORTED_LOCALES, type Locale } from "~/i18n/locales";
import type { Court, DeliveryMethod, Population } from "#db/codes/directory";

/**
 * Service templates of the demo directory. Each demo organization lists template keys; the
 * generator fills in place, courts, fees, hours and phones. Texts are written in English and
 * Spanish (usted register); a few templates also carry short texts in other languages.
 */

export interface Bilingual {
  en: string;
  es: string;
}

export interface TemplateContext {
  /** Where clients come from: "Queens", "Long Island", "New York State"... */
  area: Bilingual;
  /** Courts or detention centers, already written out as a list. */
  courts: Bilingual;
  /** The languages staff speak, as a list ("Spanish and Quechua"). */
  languages: Bilingual;
}

export type ApplicationStyle =
  "appointment" | "walkIn" | "screening" | "referral" | "online" | "call" | "hotline";

export type HoursPattern =
  | "weekdays"
  | "weekdaysLate"
  | "withSaturday"
  | "split"
  | "evenings"
  | "saturday"
  | "mwf"
  | "hotline"
  | "allDay";

export interface ServiceTemplate {
  categories: readonly CategoryCode[];
  names: readonly (readonly [en: string, es: string])[];
  describe(ctx: TemplateContext): Bilingual;
  eligibility(ctx: TemplateContext): Bilingual;
  application: readonly ApplicationStyle[];
  hours: readonly HoursPattern[];
  populations?: readonly Population[];
  /** "lawyers": attorneys and/or accredited representatives; "attorneys": attorneys only. */
  providers: "lawyers" | "attorneys" | "none";
  takesDetainedCases?: boolean;
  courts?: "detained" | "nonDetained";
  alwaysFree?: boolean;
  feeAmount?: number;
  /** Offered only by phone/video, with no office: no location, service areas instead. */
  remoteOnly?: boolean;
  delivery?: readonly DeliveryMethod[];
  /** The service's own line: a hotline, or a line in the organization's first language. */
  phone?: "hotline" | "hotline24";
  /** Short texts in other languages (name, description), used when staff speak them. */
  otherLanguages?: Partial<Record<OtherLocale, readonly [name: string, description: string]>>;
  /** Always offered at the organization's confidential site. */
  confidentialSite?: boolean;
}

/** Every interface language other than the two every demo listing is written in. */
export type OtherLocale = Exclude<Locale, "en" | "es">;
export const OTHER_LOCALES = SUPPORTED_LOCALES.filter(
  (locale): locale is OtherLocale => locale !== "en" && locale !== "es",
);

export const APPLICATION_TEXT: Record<ApplicationStyle, Bilingual> = {
  appointment: {
    en: "Call to make an appointment. Bring any letters from immigration, your passport or another ID, and court papers if you have them.",
    es: "Llame para pedir una cita. Traiga las cartas que haya recibido de inmigración, su pasaporte u otra identificación y los papeles de la corte, si los tiene.",
  },
  walkIn: {
    en: "Come in during our hours; we see people in the order they arrive. Come early: we close the line when the day is full.",
    es: "Venga durante nuestro horario, sin cita; atendemos por orden de llegada. Llegue temprano: cerramos la fila cuando el día está completo.",
  },
  screening: {
    en: "Every new case starts with a free screening by phone. If we can take your case, we give you a meeting with a lawyer.",
    es: "Todos los casos nuevos empiezan con una evaluación gratuita por teléfono. Si podemos tomar su caso, le damos una cita con un abogado.",
  },
  referral: {
    en: "Family members, friends and member organizations can call us. Have the person's full name, country of birth and A-number (if you know it) ready.",
    es: "Pueden llamarnos los familiares, los amigos y las organizaciones miembros. Tenga a mano el nombre completo de la persona, su país de nacimiento y su número A (si lo sabe).",
  },
  call: {
    en: "Call during our opening hours. You do not have to give your name or your immigration status.",
    es: "Llame durante nuestro horario de atención. No tiene que darnos su nombre ni su situación migratoria.",
  },
  hotline: {
    en: "Call our hotline at any hour. After a short safety check, we tell you where to meet us.",
    es: "Llame a nuestra línea a cualquier hora. Después de una breve evaluación de seguridad, le diremos dónde encontrarnos.",
  },
  online: {
    en: "Fill in the short form on our website or call us. We answer within two business days.",
    es: "Llene el formulario corto de nuestro sitio web o llámenos. Respondemos en un plazo de dos días hábiles.",
  },
};

export const SERVICE_TEMPLATES = {
  asylum: {
    categories: ["asylum", "work_permits"],
    names: [
      ["Asylum applications", "Solicitudes de asilo"],
      ["Asylum representation", "Representación en casos de asilo"],
    ],
    describe: () => ({
      en: "We help people who fear returning to their country prepare and file an asylum application (form I-589), gather evidence, and get ready for the interview or court hearing. While the case is pending, we also apply for a work permit.",
      es: "Ayudamos a las personas que temen regresar a su país a preparar y presentar la solicitud de asilo (formulario I-589), reunir pruebas y prepararse para la entrevista o la audiencia en la corte. Mientras el caso está pendiente, también solicitamos el permiso de trabajo.",
    }),
    eligibility: (ctx) => ({
      en: `People living in ${ctx.area.en} who fear returning to their country. Priority to people who arrived less than one year ago.`,
      es: `Personas que viven en ${ctx.area.es} y temen regresar a su país. Damos prioridad a quienes llegaron hace menos de un año.`,
    }),
    application: ["appointment", "screening"],
    hours: ["weekdays", "withSaturday", "weekdaysLate"],
    populations: ["families"],
    providers: "lawyers",
    feeAmount: 1500,
    otherLanguages: {
      "zh-Hans": [
        "庇护申请",
        "帮助害怕返回本国的人准备并递交庇护申请（I-589表），收集证据，为面谈或听证做准备；申请待审期间，我们也协助申请工卡。",
      ],
      "zh-Hant": [
        "庇護申請",
        "協助害怕返回本國的人準備並遞交庇護申請（I-589表），收集證據，為面談或聽證做準備；申請待審期間，我們也協助申請工卡。",
      ],
      ko: [
        "망명 신청",
        "본국으로 돌아가는 것이 두려운 분들이 망명 신청서(I-589)를 준비하고 제출하며, 증거를 모으고 인터뷰나 재판을 준비하도록 돕습니다. 심사 기간에는 노동허가 신청도 도와드립니다.",
      ],
      ht: [
        "Aplikasyon azil",
        "Nou ede moun ki pè retounen nan peyi yo prepare epi depoze aplikasyon azil la (fòm I-589), rasanble prèv, epi prepare pou entèvyou a oswa odyans lan. Pandan dosye a ap tann, nou mande pèmi travay la tou.",
      ],
      bn: [
        "রাজনৈতিক আশ্রয়ের আবেদন",
        "যাঁরা নিজের দেশে ফিরে যেতে ভয় পান, তাঁদের আশ্রয়ের আবেদন (ফর্ম I-589) প্রস্তুত ও জমা দিতে, প্রমাণ সংগ্রহ করতে এবং সাক্ষাৎকার বা শুনানির প্রস্তুতিতে আমরা সাহায্য করি। মামলা চলাকালে ওয়ার্ক পারমিটের আবেদনও করি।",
      ],
      ru: [
        "Заявления на политическое убежище",
        "Помогаем тем, кто боится вернуться на родину, подготовить и подать заявление на убежище (форма I-589), собрать доказательства и подготовиться к интервью или суду. Пока дело рассматривается, оформляем и разрешение на работу.",
      ],
      ar: [
        "طلبات اللجوء",
        "نساعد من يخافون العودة إلى بلدهم على إعداد طلب اللجوء (النموذج I-589) وتقديمه وجمع الأدلة والاستعداد للمقابلة أو الجلسة، ونقدّم طلب تصريح العمل أثناء انتظار القرار.",
      ],
      ur: [
        "سیاسی پناہ کی درخواست",
        "جو لوگ اپنے ملک واپس جانے سے ڈرتے ہیں، ہم ان کی پناہ کی درخواست (فارم I-589) تیار کرنے، جمع کرانے، ثبوت اکٹھے کرنے اور انٹرویو یا سماعت کی تیاری میں مدد کرتے ہیں۔ مقدمہ زیرِ التوا ہو تو ورک پرمٹ کی درخواست بھی دیتے ہیں۔",
      ],
      fr: [
        "Demandes d'asile",
        "Nous aidons les personnes qui craignent de retourner dans leur pays à préparer et déposer leur demande d'asile (formulaire I-589), à réunir des preuves et à se préparer à l'entretien ou à l'audience. Pendant l'examen du dossier, nous demandons aussi le permis de travail.",
      ],
      pl: [
        "Wnioski o azyl",
        "Pomagamy osobom, które boją się powrotu do swojego kraju, przygotować i złożyć wniosek o azyl (formularz I-589), zebrać dowody i przygotować się do rozmowy lub rozprawy. W trakcie postępowania składamy też wniosek o pozwolenie na pracę.",
      ],
    },
  },
  asylumClinic: {
    categories: ["asylum", "consultations"],
    names: [
      ["Asylum application clinic", "Taller para preparar la solicitud de asilo"],
      [
        "Help filing your own asylum application",
        "Ayuda para presentar su propia solicitud de asilo",
      ],
    ],
    describe: () => ({
      en: "In small group sessions, volunteer attorneys help you fill in your own asylum application (form I-589) and explain the one-year deadline, what happens next and how to ask for a work permit later. We do not represent you in court.",
      es: "En sesiones de grupos pequeños, abogados voluntarios le ayudan a llenar su propia solicitud de asilo (formulario I-589) y le explican el plazo de un año, los pasos siguientes y cómo pedir más adelante el permiso de trabajo. No lo representamos en la corte.",
    }),
    eligibility: () => ({
      en: "Adults who have not yet filed for asylum and have no lawyer. Bring your passport and any immigration papers.",
      es: "Personas adultas que aún no han solicitado asilo y no tienen abogado. Traiga su pasaporte y sus papeles de inmigración.",
    }),
    application: ["online", "walkIn"],
    hours: ["evenings", "saturday"],
    providers: "attorneys",
    alwaysFree: true,
  },
  lgbtqAsylum: {
    categories: ["asylum", "consultations"],
    names: [
      ["Asylum for LGBTQ+ people", "Asilo para personas LGBTQ+"],
      ["LGBTQ+ asylum and safety project", "Proyecto de asilo y seguridad para personas LGBTQ+"],
    ],
    describe: () => ({
      en: "Lesbian, gay, bisexual, transgender and queer people who were persecuted, or fear persecution, because of who they are can ask for asylum. Our team prepares the case with care and respect, including the names and pronouns you use, and connects you with housing and health care.",
      es: "Las personas lesbianas, gais, bisexuales, transgénero y queer que fueron perseguidas, o temen serlo, por ser quienes son pueden pedir asilo. Nuestro equipo prepara el caso con cuidado y respeto, incluido el nombre y los pronombres que usted usa, y le pone en contacto con servicios de vivienda y de salud.",
    }),
    eligibility: (ctx) => ({
      en: `LGBTQ+ immigrants living in ${ctx.area.en}, whatever their current status.`,
      es: `Personas inmigrantes LGBTQ+ que viven en ${ctx.area.es}, cualquiera que sea su situación migratoria.`,
    }),
    application: ["screening", "online"],
    hours: ["weekdaysLate", "weekdays"],
    populations: ["lgbtq"],
    providers: "attorneys",
  },
  detained: {
    categories: ["removal_defense_detained", "bond_hearings"],
    names: [
      [
        "Deportation defense for detained people",
        "Defensa contra la deportación para personas detenidas",
      ],
      ["Detained removal defense", "Defensa de personas detenidas por inmigración"],
    ],
    describe: (ctx) => ({
      en: `Our lawyers represent people held by immigration (ICE) at ${ctx.courts.en}. We ask for release on bond, fight the deportation case and stay in touch with the family outside.`,
      es: `Nuestros abogados representan a personas detenidas por inmigración (ICE) en ${ctx.courts.es}. Pedimos la liberación bajo fianza, defendemos el caso de deportación y mantenemos el contacto con la familia.`,
    }),
    eligibility: () => ({
      en: "Anyone detained by ICE who cannot afford a private lawyer. Family members may call for them.",
      es: "Cualquier persona detenida por ICE que no pueda pagar un abogado privado. Los familiares pueden llamar en su nombre.",
    }),
    application: ["referral"],
    hours: ["weekdays", "hotline"],
    populations: ["detained", "families"],
    providers: "attorneys",
    takesDetainedCases: true,
    courts: "detained",
    alwaysFree: true,
    phone: "hotline",
  },
  removal: {
    categories: ["removal_defense_non_detained", "asylum"],
    names: [
      ["Immigration court representation", "Representación en la corte de inmigración"],
      ["Deportation defense", "Defensa contra la deportación"],
    ],
    describe: (ctx) => ({
      en: `If you have a court date, a notice to appear or an old deportation order, we can explain your options and represent you before the immigration judge at ${ctx.courts.en}. Do not miss your hearing: a missed hearing usually means a deportation order.`,
      es: `Si tiene una cita en la corte, un aviso de comparecencia o una orden de deportación antigua, le explicamos sus opciones y lo representamos ante el juez de inmigración en ${ctx.courts.es}. No falte a su audiencia: si falta, normalmente le dan una orden de deportación.`,
    }),
    eligibility: (ctx) => ({
      en: `People living in ${ctx.area.en} with a case in immigration court who are not detained.`,
      es: `Personas que viven en ${ctx.area.es}, tienen un caso en la corte de inmigración y no están detenidas.`,
    }),
    application: ["screening", "appointment"],
    hours: ["weekdays", "split", "weekdaysLate"],
    populations: ["families"],
    providers: "lawyers",
    courts: "nonDetained",
    feeAmount: 2500,
  },
  courtHelpDesk: {
    categories: ["removal_defense_non_detained", "consultations"],
    names: [
      ["Immigration court help desk", "Mesa de ayuda en la corte de inmigración"],
      ["Same-day help at immigration court", "Ayuda el mismo día en la corte de inmigración"],
    ],
    describe: (ctx) => ({
      en: `Volunteer lawyers meet people who come to ${ctx.courts.en} without a lawyer, explain what the judge is asking, help ask for more time to find a lawyer, and refer them to member organizations.`,
      es: `Abogados voluntarios atienden a las personas que llegan sin abogado a ${ctx.courts.es}: les explican lo que pide el juez, les ayudan a pedir más tiempo para buscar abogado y las refieren a organizaciones miembros.`,
    }),
    eligibility: () => ({
      en: "Anyone with a hearing that day who does not have a lawyer.",
      es: "Cualquier persona que tenga una audiencia ese día y no tenga abogado.",
    }),
    application: ["walkIn"],
    hours: ["split", "mwf"],
    providers: "attorneys",
    courts: "nonDetained",
    alwaysFree: true,
  },
  bond: {
    categories: ["bond_hearings", "removal_defense_detained"],
    names: [
      ["Bond hearings and release support", "Audiencias de fianza y apoyo para la liberación"],
      ["Immigration bond help", "Ayuda con la fianza de inmigración"],
    ],
    describe: (ctx) => ({
      en: `We prepare bond hearings for people detained at ${ctx.courts.en}, collect letters of support from family and community, and help families raise and post the bond safely.`,
      es: `Preparamos las audiencias de fianza de personas detenidas en ${ctx.courts.es}, reunimos cartas de apoyo de la familia y la comunidad, y ayudamos a las familias a reunir y pagar la fianza de manera segura.`,
    }),
    eligibility: () => ({
      en: "People in immigration detention and their families.",
      es: "Personas en detención migratoria y sus familias.",
    }),
    application: ["referral"],
    hours: ["weekdays", "hotline"],
    populations: ["detained", "families"],
    providers: "attorneys",
    takesDetainedCases: true,
    courts: "detained",
    phone: "hotline",
  },
  appeals: {
    categories: ["appeals", "removal_defense_non_detained"],
    names: [
      ["Appeals and motions to reopen", "Apelaciones y mociones para reabrir"],
      ["Immigration appeals", "Apelaciones de inmigración"],
    ],
    describe: () => ({
      en: "If an immigration judge ordered you deported or USCIS denied your application, there may still be a way forward. We file appeals with the Board of Immigration Appeals, motions to reopen old cases and, when needed, petitions in federal court. Deadlines are short: appeals are usually due 30 days after the decision.",
      es: "Si un juez de inmigración ordenó su deportación o USCIS negó su solicitud, es posible que aún haya opciones. Presentamos apelaciones ante la Junta de Apelaciones de Inmigración, mociones para reabrir casos antiguos y, cuando hace falta, peticiones ante la corte federal. Los plazos son cortos: por lo general, la apelación vence 30 días después de la decisión.",
    }),
    eligibility: () => ({
      en: "People with a recent denial or deportation order. Bring the decision and any court papers.",
      es: "Personas con una negación u orden de deportación reciente. Traiga la decisión y los papeles de la corte.",
    }),
    application: ["screening", "referral"],
    hours: ["weekdays", "mwf"],
    providers: "attorneys",
    courts: "nonDetained",
    feeAmount: 3000,
  },
  daca: {
    categories: ["daca", "work_permits"],
    names: [
      ["DACA renewals", "Renovaciones de DACA"],
      ["DACA applications and renewals", "Solicitudes y renovaciones de DACA"],
    ],
    describe: () => ({
      en: "We prepare DACA renewals and the work permit that comes with them, check for other options you may now qualify for, and keep you informed about court decisions that affect DACA. Renew four to five months before your DACA expires.",
      es: "Preparamos la renovación de DACA y del permiso de trabajo que la acompaña, revisamos si ahora califica para otras opciones y le informamos sobre las decisiones judiciales que afectan a DACA. Renueve entre cuatro y cinco meses antes de que venza su DACA.",
    }),
    eligibility: () => ({
      en: "Current and past DACA recipients. We also screen people who never applied.",
      es: "Personas que tienen o tuvieron DACA. También evaluamos a quienes nunca lo solicitaron.",
    }),
    application: ["appointment", "online"],
    hours: ["weekdaysLate", "withSaturday", "evenings"],
    providers: "lawyers",
    feeAmount: 150,
  },
  tps: {
    categories: ["tps", "work_permits"],
    names: [
      ["TPS applications and renewals", "Solicitudes y renovaciones de TPS"],
      [
        "Temporary Protected Status (TPS) help",
        "Ayuda con el Estatus de Protección Temporal (TPS)",
      ],
    ],
    describe: () => ({
      en: "We help people from countries designated for Temporary Protected Status apply for the first time or re-register on time, together with the work permit, and we explain what to do when a designation changes.",
      es: "Ayudamos a las personas de países designados para el Estatus de Protección Temporal a solicitarlo por primera vez o a reinscribirse a tiempo, junto con el permiso de trabajo, y le explicamos qué hacer cuando cambia una designación.",
    }),
    eligibility: (ctx) => ({
      en: `Nationals of TPS-designated countries living in ${ctx.area.en}.`,
      es: `Personas originarias de países designados para TPS que viven en ${ctx.area.es}.`,
    }),
    application: ["walkIn", "appointment"],
    hours: ["withSaturday", "weekdays", "saturday"],
    populations: ["families", "workers"],
    providers: "lawyers",
    feeAmount: 200,
  },
  naturalization: {
    categories: ["naturalization"],
    names: [
      ["Citizenship application help", "Ayuda con la solicitud de ciudadanía"],
      ["Citizenship and naturalization", "Ciudadanía y naturalización"],
    ],
    describe: () => ({
      en: "We check that it is safe for you to apply, fill in the citizenship application (form N-400) with you, request a fee waiver or reduced fee if you qualify, and prepare you for the interview and the civics test.",
      es: "Revisamos que sea seguro para usted presentar la solicitud, llenamos con usted la solicitud de ciudadanía (formulario N-400), pedimos la exención o reducción de la tarifa si califica y lo preparamos para la entrevista y el examen de educación cívica.",
    }),
    eligibility: () => ({
      en: "Green card holders for at least five years (three if married to a U.S. citizen).",
      es: "Residentes permanentes con al menos cinco años de residencia (tres si están casados con un ciudadano estadounidense).",
    }),
    application: ["appointment", "walkIn", "online"],
    hours: ["withSaturday", "weekdays", "evenings"],
    providers: "lawyers",
    feeAmount: 350,
    otherLanguages: {
      "zh-Hans": [
        "入籍申请协助",
        "帮助您填写和递交入籍申请（N-400表），申请减免费用，并为入籍面试和公民考试做准备。",
      ],
      "zh-Hant": [
        "入籍申請協助",
        "協助您填寫和遞交入籍申請（N-400表），申請減免費用，並為入籍面試和公民考試做準備。",
      ],
      ko: [
        "시민권 신청 지원",
        "시민권 신청서(N-400) 작성과 제출, 수수료 면제 신청, 인터뷰와 시민권 시험 준비를 도와드립니다.",
      ],
      ht: [
        "Èd pou aplikasyon sitwayènte",
        "Nou ede w ranpli epi voye aplikasyon sitwayènte a (fòm N-400), mande pou yo dispanse w peye frè yo, epi prepare pou entèvyou a ak egzamen an.",
      ],
      bn: [
        "নাগরিকত্বের আবেদনে সহায়তা",
        "নাগরিকত্বের আবেদন (ফর্ম N-400) পূরণ ও জমা দেওয়া, ফি মওকুফের আবেদন এবং সাক্ষাৎকার ও পরীক্ষার প্রস্তুতিতে আমরা সাহায্য করি।",
      ],
      ru: [
        "Помощь с заявлением на гражданство",
        "Поможем заполнить и подать заявление на гражданство (форма N-400), попросить об освобождении от пошлины и подготовиться к интервью и экзамену.",
      ],
      ar: [
        "المساعدة في طلب الجنسية",
        "نساعدك في تعبئة طلب الجنسية (النموذج N-400) وتقديمه، وطلب الإعفاء من الرسوم، والاستعداد للمقابلة والامتحان.",
      ],
      ur: [
        "شہریت کی درخواست میں مدد",
        "ہم شہریت کی درخواست (فارم N-400) بھرنے اور جمع کرانے، فیس معافی کی درخواست دینے اور انٹرویو و امتحان کی تیاری میں مدد کرتے ہیں۔",
      ],
      fr: [
        "Aide à la demande de citoyenneté",
        "Nous vous aidons à remplir et déposer la demande de naturalisation (formulaire N-400), à demander une dispense des frais et à préparer l'entretien et l'examen.",
      ],
      pl: [
        "Pomoc przy wniosku o obywatelstwo",
        "Pomagamy wypełnić i złożyć wniosek o obywatelstwo (formularz N-400), ubiegać się o zwolnienie z opłaty oraz przygotować się do rozmowy i egzaminu.",
      ],
    },
  },
  citizenshipClass: {
    categories: ["naturalization"],
    names: [
      [
        "Citizenship test preparation classes",
        "Clases de preparación para el examen de ciudadanía",
      ],
      [
        "Civics and English classes for the citizenship interview",
        "Clases de educación cívica e inglés para la entrevista de ciudadanía",
      ],
    ],
    describe: () => ({
      en: "Eight-week classes that practice the 100 civics questions, reading and writing in English, and the interview itself. Classes are taught by volunteer teachers; no registration fee.",
      es: "Clases de ocho semanas para practicar las 100 preguntas de educación cívica, la lectura y escritura en inglés y la entrevista misma. Las dan maestros voluntarios; la inscripción es gratuita.",
    }),
    eligibility: () => ({
      en: "Anyone who has applied or plans to apply for citizenship.",
      es: "Cualquier persona que haya solicitado o piense solicitar la ciudadanía.",
    }),
    application: ["walkIn", "online"],
    hours: ["evenings", "saturday"],
    providers: "none",
    alwaysFree: true,
  },
  family: {
    categories: ["family_petitions", "adjustment_of_status"],
    names: [
      ["Family petitions and green cards", "Peticiones familiares y residencia"],
      ["Petitions for relatives", "Peticiones para familiares"],
    ],
    describe: () => ({
      en: "U.S. citizens and green card holders can petition for their husband or wife, children, parents, and brothers and sisters. We prepare the petition (form I-130), explain the waiting times, and when the time comes apply for the green card in the U.S. or through a consulate.",
      es: "Los ciudadanos estadounidenses y los residentes permanentes pueden pedir a su esposo o esposa, hijos, padres y hermanos. Preparamos la petición (formulario I-130), le explicamos los tiempos de espera y, cuando llega el momento, tramitamos la residencia en Estados Unidos o a través de un consulado.",
    }),
    eligibility: (ctx) => ({
      en: `Families living in ${ctx.area.en}. We screen every case for past immigration problems before filing.`,
      es: `Familias que viven en ${ctx.area.es}. Antes de presentar la petición, revisamos cada caso por si hay problemas migratorios anteriores.`,
    }),
    application: ["appointment", "screening"],
    hours: ["weekdays", "withSaturday", "weekdaysLate"],
    populations: ["families"],
    providers: "lawyers",
    feeAmount: 800,
  },
  greenCard: {
    categories: ["adjustment_of_status", "foia", "waivers"],
    names: [
      ["Green card applications and renewals", "Solicitudes y renovaciones de la tarjeta verde"],
      ["Permanent residence (green card)", "Residencia permanente (tarjeta verde)"],
    ],
    describe: () => ({
      en: "We prepare applications for permanent residence (form I-485) for people who qualify through family, asylum, a U or T visa or special juvenile status, request your immigration records first when needed, and renew or replace green cards (form I-90).",
      es: "Preparamos solicitudes de residencia permanente (formulario I-485) para quienes califican por familia, asilo, visa U o T o estatus especial de menor; cuando hace falta, pedimos primero su expediente migratorio, y renovamos o reemplazamos tarjetas verdes (formulario I-90).",
    }),
    eligibility: () => ({
      en: "People with an approved petition or status that leads to a green card, and green card holders who need a new card.",
      es: "Personas con una petición o un estatus aprobado que permite obtener la residencia, y residentes que necesitan una tarjeta nueva.",
    }),
    application: ["appointment"],
    hours: ["weekdays", "split"],
    providers: "lawyers",
    feeAmount: 900,
  },
  waivers: {
    categories: ["waivers", "family_petitions", "foia"],
    names: [
      ["Waivers and consular processing", "Perdones migratorios y trámite consular"],
      ["Unlawful presence waivers", "Perdones por presencia ilegal"],
    ],
    describe: () => ({
      en: "Some people need a waiver before they can get a green card, for example because of time spent in the U.S. without status. We request your full immigration record, decide with you whether a waiver (form I-601 or I-601A) is realistic, and prepare the hardship evidence.",
      es: "Algunas personas necesitan un perdón antes de obtener la residencia, por ejemplo por el tiempo que pasaron en Estados Unidos sin estatus. Pedimos su expediente migratorio completo, decidimos con usted si un perdón (formulario I-601 o I-601A) es realista y preparamos las pruebas del sufrimiento que causaría a su familia.",
    }),
    eligibility: () => ({
      en: "Spouses, sons and daughters of U.S. citizens and green card holders with a pending or approved petition.",
      es: "Cónyuges, hijos e hijas de ciudadanos y residentes permanentes con una petición pendiente o aprobada.",
    }),
    application: ["screening", "appointment"],
    hours: ["weekdays", "mwf"],
    populations: ["families"],
    providers: "attorneys",
    feeAmount: 1800,
  },
  uVisa: {
    categories: ["u_visa", "vawa"],
    names: [
      ["U visas and VAWA for survivors", "Visas U y VAWA para sobrevivientes"],
      ["Immigration help for crime survivors", "Ayuda migratoria para sobrevivientes de delitos"],
    ],
    describe: () => ({
      en: "If you were the victim of a crime in the U.S., such as domestic violence, assault or a workplace crime, and helped the police or prosecutors, you may qualify for a U visa. We request the certification from the police, prepare your application and, for people abused by a citizen or resident spouse, VAWA self-petitions.",
      es: "Si usted fue víctima de un delito en Estados Unidos, como violencia doméstica, asalto o un delito en el trabajo, y ayudó a la policía o a la fiscalía, podría calificar para una visa U. Pedimos la certificación a la policía, preparamos su solicitud y, si su esposo o esposa ciudadano o residente lo maltrató, la autopetición VAWA.",
    }),
    eligibility: () => ({
      en: "Survivors of crimes committed in the U.S., whatever their status. Everything you tell us is confidential.",
      es: "Sobrevivientes de delitos cometidos en Estados Unidos, cualquiera que sea su situación migratoria. Todo lo que nos cuente es confidencial.",
    }),
    application: ["screening", "referral"],
    hours: ["weekdays", "weekdaysLate"],
    populations: ["survivors", "families"],
    providers: "lawyers",
    alwaysFree: true,
  },
  tVisa: {
    categories: ["t_visa", "u_visa"],
    names: [
      ["Help for survivors of human trafficking", "Ayuda para sobrevivientes de trata de personas"],
      ["T visas for trafficking survivors", "Visas T para sobrevivientes de trata"],
    ],
    describe: () => ({
      en: "People who were forced to work, or to sell sex, through force, threats or debt can get protection. We prepare T visa applications, work with prosecutors when the survivor chooses to, and connect survivors with safe housing and counseling.",
      es: "Las personas que fueron obligadas a trabajar o a prostituirse mediante la fuerza, las amenazas o las deudas pueden obtener protección. Preparamos la solicitud de visa T, colaboramos con la fiscalía cuando la persona sobreviviente así lo decide y la ponemos en contacto con vivienda segura y apoyo emocional.",
    }),
    eligibility: () => ({
      en: "Survivors of labor or sex trafficking in the U.S., and their families.",
      es: "Sobrevivientes de trata laboral o sexual en Estados Unidos, y sus familias.",
    }),
    application: ["screening", "referral"],
    hours: ["weekdays", "hotline"],
    populations: ["survivors", "workers"],
    providers: "lawyers",
    alwaysFree: true,
  },
  vawa: {
    categories: ["vawa", "u_visa"],
    names: [
      ["VAWA self-petitions", "Autopeticiones VAWA"],
      [
        "Immigration help for survivors of domestic violence",
        "Ayuda migratoria para sobrevivientes de violencia doméstica",
      ],
    ],
    describe: () => ({
      en: "If your husband, wife, parent or adult child is a U.S. citizen or green card holder and abused you, you can apply for a green card on your own, without their help or knowledge. We prepare the VAWA self-petition (form I-360) and safety-plan with you.",
      es: "Si su esposo o esposa, su padre o madre, o su hijo o hija adulto es ciudadano o residente permanente y lo maltrató, usted puede solicitar la residencia por su cuenta, sin su ayuda y sin que lo sepa. Preparamos la autopetición VAWA (formulario I-360) y hacemos con usted un plan de seguridad.",
    }),
    eligibility: () => ({
      en: "Survivors of abuse by a U.S. citizen or permanent resident family member. Men and women are both eligible.",
      es: "Sobrevivientes de maltrato por parte de un familiar ciudadano o residente permanente. Pueden solicitarlo tanto hombres como mujeres.",
    }),
    application: ["screening"],
    hours: ["weekdays", "weekdaysLate"],
    populations: ["survivors", "families"],
    providers: "lawyers",
    alwaysFree: true,
  },
  sijs: {
    categories: ["sijs", "asylum"],
    names: [
      ["Legal help for children and youth (SIJS)", "Ayuda legal para niños y jóvenes (SIJS)"],
      ["Special Immigrant Juvenile Status", "Estatus Especial de Inmigrante Juvenil"],
    ],
    describe: () => ({
      en: "Young people under 21 who were abused, abandoned or neglected by a parent may qualify for Special Immigrant Juvenile Status and then a green card. We handle the family court case, the SIJS petition and, when needed, asylum, and we work with schools and caregivers.",
      es: "Los jóvenes menores de 21 años que fueron maltratados, abandonados o descuidados por uno de sus padres podrían calificar para el Estatus Especial de Inmigrante Juvenil y después para la residencia. Llevamos el caso en la corte de familia, la petición SIJS y, si hace falta, el asilo, y trabajamos con las escuelas y las personas que los cuidan.",
    }),
    eligibility: (ctx) => ({
      en: `Children and young people under 21 living in ${ctx.area.en}. Act early: family court orders must be obtained before 21.`,
      es: `Niños y jóvenes menores de 21 años que viven en ${ctx.area.es}. Actúe pronto: las órdenes de la corte de familia deben obtenerse antes de cumplir 21 años.`,
    }),
    application: ["screening", "referral"],
    hours: ["weekdays", "weekdaysLate"],
    populations: ["children"],
    providers: "attorneys",
    alwaysFree: true,
  },
  youthCourt: {
    categories: ["sijs", "removal_defense_non_detained"],
    names: [
      ["Representation for unaccompanied children", "Representación de menores no acompañados"],
      [
        "Immigration court help for children",
        "Ayuda en la corte de inmigración para niños y niñas",
      ],
    ],
    describe: (ctx) => ({
      en: `Children who crossed the border alone still have to go to immigration court, often without a lawyer. We represent them at ${ctx.courts.en}, prepare their asylum or special juvenile status cases, and explain every step to them and their sponsors.`,
      es: `Los niños y niñas que cruzaron la frontera solos igual deben presentarse en la corte de inmigración, muchas veces sin abogado. Los representamos en ${ctx.courts.es}, preparamos sus casos de asilo o de estatus especial de menor y les explicamos cada paso a ellos y a sus patrocinadores.`,
    }),
    eligibility: () => ({
      en: "Children and teenagers in immigration court, and young adults who arrived as unaccompanied minors.",
      es: "Niños, niñas y adolescentes con caso en la corte de inmigración, y jóvenes adultos que llegaron como menores no acompañados.",
    }),
    application: ["referral", "screening"],
    hours: ["weekdays", "weekdaysLate"],
    populations: ["children"],
    providers: "attorneys",
    courts: "nonDetained",
    alwaysFree: true,
  },
  workPermits: {
    categories: ["work_permits"],
    names: [
      ["Work permit applications", "Solicitudes de permiso de trabajo"],
      ["Work permit (EAD) clinic", "Taller de permisos de trabajo (EAD)"],
    ],
    describe: () => ({
      en: "We file first work permits and renewals (form I-765) for people with pending asylum cases, TPS, parole and other categories, and tell you when you can apply and how long the permit lasts.",
      es: "Presentamos primeros permisos de trabajo y renovaciones (formulario I-765) para personas con asilo pendiente, TPS, parole y otras categorías, y le decimos cuándo puede solicitarlo y cuánto tiempo dura el permiso.",
    }),
    eligibility: () => ({
      en: "People with a pending case or status that allows a work permit. Bring your receipt notices.",
      es: "Personas con un caso pendiente o un estatus que permite el permiso de trabajo. Traiga sus recibos de USCIS.",
    }),
    application: ["walkIn", "online"],
    hours: ["withSaturday", "evenings", "mwf"],
    populations: ["workers"],
    providers: "lawyers",
    feeAmount: 125,
  },
  foia: {
    categories: ["foia", "consultations"],
    names: [
      ["Immigration records requests (FOIA)", "Solicitudes de expediente migratorio (FOIA)"],
      ["Get your immigration file", "Obtenga su expediente de inmigración"],
    ],
    describe: () => ({
      en: "Before applying for anything, it helps to know exactly what the government has on file about you: entries, arrests, past applications. We file Freedom of Information Act requests with USCIS, CBP, ICE and the immigration courts and review the answers with you.",
      es: "Antes de solicitar cualquier cosa, conviene saber exactamente qué tiene el gobierno en su expediente: entradas, arrestos y solicitudes anteriores. Presentamos solicitudes de la Ley de Libertad de Información ante USCIS, CBP, ICE y las cortes de inmigración y revisamos las respuestas con usted.",
    }),
    eligibility: () => ({
      en: "Anyone who is not sure of their immigration history.",
      es: "Cualquier persona que no esté segura de su historial migratorio.",
    }),
    application: ["appointment", "online"],
    hours: ["weekdays", "mwf"],
    providers: "lawyers",
    feeAmount: 100,
  },
  kyr: {
    categories: ["know_your_rights"],
    names: [
      ["Know Your Rights workshops", "Talleres Conozca Sus Derechos"],
      ["Community Know Your Rights trainings", "Capacitaciones comunitarias Conozca Sus Derechos"],
    ],
    describe: () => ({
      en: "Free workshops for community groups, schools, congregations and workplaces: what to do if immigration officers come to your home, work or street, which papers to carry, and how to make a family safety plan. We can come to you.",
      es: "Talleres gratuitos para grupos comunitarios, escuelas, congregaciones y lugares de trabajo: qué hacer si los agentes de inmigración llegan a su casa, a su trabajo o a la calle, qué papeles llevar consigo y cómo hacer un plan de seguridad familiar. Podemos ir adonde ustedes estén.",
    }),
    eligibility: () => ({
      en: "Open to everyone, whatever their status. No registration needed for public sessions.",
      es: "Abierto a todas las personas, cualquiera que sea su situación migratoria. Las sesiones públicas no requieren inscripción.",
    }),
    application: ["walkIn", "online"],
    hours: ["evenings", "saturday"],
    providers: "none",
    alwaysFree: true,
    delivery: ["in_person", "remote"],
    otherLanguages: {
      "zh-Hans": [
        "“了解您的权利”讲座",
        "免费社区讲座：如果移民执法人员来到您的家、工作场所或街头，您该怎么做；以及如何为家人制定安全计划。",
      ],
      "zh-Hant": [
        "「了解您的權利」講座",
        "免費社區講座：如果移民執法人員來到您的家、工作場所或街頭，您該怎麼做；以及如何為家人制定安全計劃。",
      ],
      ko: [
        "권리 알기 워크숍",
        "이민 단속 요원이 집, 직장 또는 거리에 왔을 때 어떻게 해야 하는지, 가족 안전 계획은 어떻게 세우는지 알려드리는 무료 지역 워크숍입니다.",
      ],
      ht: [
        "Atelye Konnen Dwa Ou",
        "Atelye kominotè gratis sou sa pou w fè si ajan imigrasyon vini lakay ou, nan travay ou oswa nan lari, ak kijan pou fè yon plan sekirite pou fanmi w.",
      ],
      bn: [
        "আপনার অধিকার জানুন কর্মশালা",
        "অভিবাসন কর্মকর্তারা বাড়িতে, কর্মস্থলে বা রাস্তায় এলে কী করবেন এবং পরিবারের জন্য কীভাবে নিরাপত্তা পরিকল্পনা করবেন—এ বিষয়ে বিনামূল্যে কমিউনিটি কর্মশালা।",
      ],
      ru: [
        "Семинары «Знайте свои права»",
        "Бесплатные семинары о том, что делать, если иммиграционные агенты пришли к вам домой, на работу или остановили на улице, и как составить план безопасности для семьи.",
      ],
      ar: [
        "ورش «اعرف حقوقك»",
        "ورش مجتمعية مجانية حول ما يجب فعله إذا جاء موظفو الهجرة إلى منزلك أو عملك أو أوقفوك في الشارع، وكيف تضع خطة أمان لعائلتك.",
      ],
      ur: [
        "اپنے حقوق جانیں ورکشاپ",
        "مفت کمیونٹی ورکشاپ: اگر امیگریشن اہلکار آپ کے گھر، کام کی جگہ یا سڑک پر آئیں تو کیا کریں، اور اپنے خاندان کے لیے حفاظتی منصوبہ کیسے بنائیں۔",
      ],
      fr: [
        "Ateliers « Connaissez vos droits »",
        "Ateliers gratuits sur ce qu'il faut faire si des agents de l'immigration viennent chez vous, au travail ou vous arrêtent dans la rue, et sur la préparation d'un plan de sécurité familial.",
      ],
      pl: [
        "Warsztaty „Poznaj swoje prawa”",
        "Bezpłatne warsztaty o tym, co robić, gdy funkcjonariusze imigracyjni przyjdą do domu, do pracy lub zatrzymają Pana/Panią na ulicy, oraz jak przygotować rodzinny plan bezpieczeństwa.",
      ],
    },
  },
  benefits: {
    categories: ["public_benefits", "consultations"],
    names: [
      [
        "Public benefits and immigration advice",
        "Orientación sobre beneficios públicos e inmigración",
      ],
      [
        "Is it safe to use benefits? Advice for immigrant families",
        "¿Es seguro usar los beneficios? Orientación para familias inmigrantes",
      ],
    ],
    describe: () => ({
      en: "Many immigrant families avoid health insurance or food assistance out of fear. We explain which benefits you and your children can use without harming an immigration case (the public charge rule), and help you apply.",
      es: "Muchas familias inmigrantes evitan el seguro médico o la ayuda alimentaria por miedo. Le explicamos qué beneficios pueden usar usted y sus hijos sin perjudicar un caso migratorio (la regla de carga pública) y le ayudamos a solicitarlos.",
    }),
    eligibility: () => ({
      en: "Immigrant families with any status, and people planning to apply for a green card.",
      es: "Familias inmigrantes con cualquier estatus y personas que piensan solicitar la residencia.",
    }),
    application: ["walkIn", "appointment"],
    hours: ["weekdays", "withSaturday", "mwf"],
    populations: ["families"],
    providers: "lawyers",
    alwaysFree: true,
    delivery: ["in_person", "phone"],
  },
  screening: {
    categories: ["consultations"],
    names: [
      ["Free immigration screenings", "Evaluaciones migratorias gratuitas"],
      ["Legal consultations", "Consultas legales"],
    ],
    describe: () => ({
      en: "A free, confidential conversation with a lawyer or accredited representative about your situation. We look for every option you may have, tell you honestly if there is none right now, and refer you to the right member organization when we cannot take the case.",
      es: "Una conversación gratuita y confidencial con un abogado o un representante acreditado sobre su situación. Buscamos todas las opciones que pueda tener, le decimos con honestidad si por ahora no hay ninguna y lo referimos a la organización miembro adecuada cuando no podemos tomar el caso.",
    }),
    eligibility: (ctx) => ({
      en: `Anyone living in ${ctx.area.en}, whatever their status.`,
      es: `Cualquier persona que viva en ${ctx.area.es}, cualquiera que sea su situación migratoria.`,
    }),
    application: ["walkIn", "appointment", "online"],
    hours: ["withSaturday", "weekdaysLate", "evenings"],
    providers: "lawyers",
    alwaysFree: true,
    otherLanguages: {
      "zh-Hans": [
        "免费移民法律咨询",
        "与律师或经认证的代表进行一次免费、保密的谈话，了解您在移民方面有哪些选择。请携带您收到的所有移民文件。",
      ],
      "zh-Hant": [
        "免費移民法律諮詢",
        "與律師或經認證的代表進行一次免費、保密的談話，了解您在移民方面有哪些選擇。請攜帶您收到的所有移民文件。",
      ],
      ko: [
        "무료 이민 법률 상담",
        "변호사 또는 인가받은 대리인과 무료로 비밀이 보장되는 상담을 통해 이민 관련 선택지를 알아보세요. 이민 당국에서 받은 서류를 모두 가져오세요.",
      ],
      ht: [
        "Konsiltasyon imigrasyon gratis",
        "Yon konvèsasyon gratis e konfidansyèl ak yon avoka oswa yon reprezantan akredite pou konnen ki opsyon ou genyen. Pote tout papye imigrasyon ou te resevwa.",
      ],
      bn: [
        "বিনামূল্যে ইমিগ্রেশন পরামর্শ",
        "একজন আইনজীবী বা স্বীকৃত প্রতিনিধির সাথে বিনামূল্যে ও গোপনীয় আলোচনা করে আপনার অভিবাসন বিষয়ে কী কী সুযোগ আছে তা জানুন। ইমিগ্রেশন থেকে পাওয়া সব কাগজপত্র সঙ্গে আনুন।",
      ],
      ru: [
        "Бесплатная иммиграционная консультация",
        "Бесплатная конфиденциальная беседа с адвокатом или аккредитованным представителем о том, какие у вас есть возможности. Принесите все документы, полученные от иммиграционных служб.",
      ],
      ar: [
        "استشارة هجرة مجانية",
        "محادثة مجانية وسرية مع محامٍ أو ممثل معتمد لمعرفة الخيارات المتاحة لك في قضية الهجرة. أحضر معك جميع الأوراق التي وصلتك من دوائر الهجرة.",
      ],
      ur: [
        "مفت امیگریشن مشاورت",
        "کسی وکیل یا منظور شدہ نمائندے کے ساتھ مفت اور رازدارانہ گفتگو تاکہ آپ جان سکیں کہ آپ کے پاس کون سے راستے ہیں۔ امیگریشن کی طرف سے ملنے والے تمام کاغذات ساتھ لائیں۔",
      ],
      fr: [
        "Consultation gratuite en immigration",
        "Un entretien gratuit et confidentiel avec un avocat ou un représentant accrédité pour connaître vos options. Apportez tous les documents que vous avez reçus de l'immigration.",
      ],
      pl: [
        "Bezpłatna porada imigracyjna",
        "Bezpłatna i poufna rozmowa z prawnikiem lub akredytowanym przedstawicielem o tym, jakie ma Pan/Pani możliwości. Prosimy przynieść wszystkie pisma otrzymane z urzędów imigracyjnych.",
      ],
    },
  },
  interpretation: {
    categories: ["interpretation"],
    names: [
      ["Interpretation for legal appointments", "Interpretación para citas legales"],
      ["Interpreters and document translation", "Intérpretes y traducción de documentos"],
    ],
    describe: (ctx) => ({
      en: `Trained community interpreters in ${ctx.languages.en} accompany people to legal appointments and asylum interviews, and we translate birth certificates, police reports and other documents for immigration applications, with a certificate of translation.`,
      es: `Intérpretes comunitarios capacitados en ${ctx.languages.es} acompañan a las personas a sus citas legales y entrevistas de asilo, y traducimos actas de nacimiento, informes policiales y otros documentos para trámites migratorios, con certificado de traducción.`,
    }),
    eligibility: () => ({
      en: "Clients of any member organization. Translation of documents by appointment.",
      es: "Clientes de cualquier organización miembro. La traducción de documentos se hace con cita.",
    }),
    application: ["referral", "appointment"],
    hours: ["weekdays", "mwf"],
    providers: "none",
    feeAmount: 40,
  },
  workers: {
    categories: ["u_visa", "t_visa", "know_your_rights"],
    names: [
      ["Immigration help for workers", "Ayuda migratoria para trabajadores"],
      ["Workplace rights and immigration clinic", "Taller de derechos laborales e inmigración"],
    ],
    describe: () => ({
      en: "Wage theft, injuries on the job and threats from a boss can be crimes, and workers who report them may qualify for U or T visas or deferred action. We hold worker clinics, prepare those cases together with the labor claim, and train workers on their rights.",
      es: "El robo de salario, los accidentes en el trabajo y las amenazas de un patrón pueden ser delitos, y los trabajadores que los denuncian podrían calificar para una visa U o T o para acción diferida. Hacemos talleres para trabajadores, preparamos esos casos junto con el reclamo laboral y capacitamos a los trabajadores sobre sus derechos.",
    }),
    eligibility: (ctx) => ({
      en: `Workers in ${ctx.area.en}, including day laborers, farmworkers, domestic workers and restaurant workers.`,
      es: `Trabajadores y trabajadoras de ${ctx.area.es}, incluidos jornaleros, trabajadores agrícolas, trabajadoras del hogar y trabajadores de restaurantes.`,
    }),
    application: ["walkIn", "screening"],
    hours: ["evenings", "saturday", "withSaturday"],
    populations: ["workers"],
    providers: "lawyers",
    alwaysFree: true,
  },
  criminalRecords: {
    categories: ["removal_defense_non_detained", "waivers"],
    names: [
      [
        "Immigration advice for people with criminal cases",
        "Asesoría migratoria para personas con casos penales",
      ],
      ["Criminal-immigration consultations", "Consultas sobre casos penales e inmigración"],
    ],
    describe: () => ({
      en: "An arrest or a conviction can change everything in an immigration case. We advise people and their criminal defense lawyers before a plea, review old convictions, and represent people with records in deportation proceedings and waiver applications.",
      es: "Un arresto o una condena pueden cambiarlo todo en un caso migratorio. Asesoramos a las personas y a sus abogados penales antes de aceptar un acuerdo de culpabilidad, revisamos condenas antiguas y representamos a personas con antecedentes en procesos de deportación y solicitudes de perdón.",
    }),
    eligibility: () => ({
      en: "Noncitizens with an open criminal case or a past arrest or conviction, and their defense lawyers.",
      es: "Personas no ciudadanas con un caso penal abierto o con un arresto o una condena anteriores, y sus abogados defensores.",
    }),
    application: ["referral", "appointment"],
    hours: ["weekdays", "split"],
    populations: ["criminal_records"],
    providers: "attorneys",
    courts: "nonDetained",
  },
  helpline: {
    categories: ["consultations", "know_your_rights"],
    names: [
      ["Immigration legal helpline", "Línea de ayuda legal de inmigración"],
      ["Free immigration advice by phone", "Asesoría migratoria gratuita por teléfono"],
    ],
    describe: () => ({
      en: "Call for free, confidential answers to immigration questions from a lawyer or accredited representative, in your language. If you need more help, we refer you to a member organization near you. We do not ask for your immigration status to answer.",
      es: "Llame para recibir respuestas gratuitas y confidenciales a sus preguntas de inmigración de parte de un abogado o representante acreditado, en su idioma. Si necesita más ayuda, lo referimos a una organización miembro cerca de usted. No le preguntamos su situación migratoria para responderle.",
    }),
    eligibility: () => ({
      en: "Anyone in New York State.",
      es: "Cualquier persona en el estado de Nueva York.",
    }),
    application: ["call"],
    hours: ["hotline"],
    providers: "lawyers",
    alwaysFree: true,
    remoteOnly: true,
    delivery: ["phone"],
    phone: "hotline",
  },
  detentionHotline: {
    categories: ["removal_defense_detained", "bond_hearings"],
    names: [
      ["Detention hotline for families", "Línea para familiares de personas detenidas"],
      [
        "Detained loved one? Call our hotline",
        "¿Tiene un familiar detenido? Llame a nuestra línea",
      ],
    ],
    describe: (ctx) => ({
      en: `If someone you love was detained by ICE, call us. We locate the person, explain what happens next, screen the case for bond and defenses, and assign a lawyer when we can. We cover people held at ${ctx.courts.en}. Detained people can call us collect.`,
      es: `Si detuvieron a un ser querido, llámenos. Localizamos a la persona, le explicamos qué pasará, evaluamos el caso para la fianza y las defensas posibles y asignamos un abogado cuando podemos. Atendemos a personas detenidas en ${ctx.courts.es}. Las personas detenidas pueden llamarnos por cobrar.`,
    }),
    eligibility: () => ({
      en: "Families and friends of people in immigration detention, and detained people themselves.",
      es: "Familiares y amigos de personas en detención migratoria, y las propias personas detenidas.",
    }),
    application: ["referral"],
    hours: ["hotline", "allDay"],
    populations: ["detained", "families"],
    providers: "attorneys",
    takesDetainedCases: true,
    courts: "detained",
    alwaysFree: true,
    remoteOnly: true,
    delivery: ["phone", "remote"],
    phone: "hotline",
  },
  onlineCitizenship: {
    categories: ["naturalization", "consultations"],
    names: [
      ["Online citizenship clinic", "Taller de ciudadanía en línea"],
      ["Citizenship applications by video", "Solicitudes de ciudadanía por video"],
    ],
    describe: () => ({
      en: "Apply for citizenship from home: a trained volunteer meets you by video, completes the N-400 and fee waiver with you, and an attorney reviews everything before it is filed.",
      es: "Solicite la ciudadanía desde su casa: un voluntario capacitado se reúne con usted por video, llena con usted el formulario N-400 y la solicitud de exención de tarifa, y un abogado revisa todo antes de presentarlo.",
    }),
    eligibility: () => ({
      en: "Green card holders who have a phone or computer with video. We lend tablets when needed.",
      es: "Residentes permanentes que tengan teléfono o computadora con video. Si hace falta, prestamos tabletas.",
    }),
    application: ["online"],
    hours: ["evenings", "weekdaysLate"],
    providers: "lawyers",
    alwaysFree: true,
    remoteOnly: true,
    delivery: ["remote"],
  },
  shelter: {
    categories: ["u_visa", "t_visa", "vawa"],
    names: [
      ["Immigration legal help at our shelter", "Ayuda legal migratoria en nuestro refugio"],
      ["Confidential legal help for survivors", "Ayuda legal confidencial para sobrevivientes"],
    ],
    describe: () => ({
      en: "Residents of our confidential shelter, and survivors referred by our hotline, meet our attorney on site for U visas, T visas, VAWA self-petitions and orders of protection. The address is never published: call the hotline and we will tell you where to go.",
      es: "Las personas que viven en nuestro refugio confidencial, y las sobrevivientes referidas por nuestra línea, se reúnen con nuestra abogada en el lugar para visas U y T, autopeticiones VAWA y órdenes de protección. Nunca publicamos la dirección: llame a la línea y le diremos adónde ir.",
    }),
    eligibility: () => ({
      en: "Survivors of domestic violence, sexual assault or trafficking, of any gender.",
      es: "Sobrevivientes de violencia doméstica, agresión sexual o trata, de cualquier género.",
    }),
    application: ["hotline"],
    hours: ["weekdays", "allDay"],
    populations: ["survivors", "families", "lgbtq"],
    providers: "attorneys",
    alwaysFree: true,
    phone: "hotline24",
    confidentialSite: true,
  },
} as const satisfies Record<string, ServiceTemplate>;

export type ServiceKey = keyof typeof SERVICE_TEMPLATES;

/** Courts named in texts, in English and Spanish. */
export const COURT_TEXT: Record<Court, Bilingual> = {
  nyc_26_federal_plaza: {
    en: "the 26 Federal Plaza immigration court",
    es: "la corte de inmigración de 26 Federal Plaza",
  },
  nyc_290_broadway: {
    en: "the 290 Broadway immigration court",
    es: "la corte de inmigración de 290 Broadway",
  },
  nyc_varick_detained: {
    en: "the Varick Street detained court",
    es: "la corte para personas detenidas de Varick Street",
  },
  batavia_detention: {
    en: "the Buffalo Federal Detention Facility in Batavia",
    es: "el Centro Federal de Detención de Buffalo en Batavia",
  },
  buffalo_court: { en: "the Buffalo immigration court", es: "la corte de inmigración de Buffalo" },
  orange_county_jail: {
    en: "the Orange County Jail in Goshen",
    es: "la cárcel del condado de Orange en Goshen",
  },
  elizabeth_detention: {
    en: "the Elizabeth Detention Center in New Jersey",
    es: "el Centro de Detención de Elizabeth en Nueva Jersey",
  },
  delaney_hall: {
    en: "Delaney Hall in Newark, New Jersey",
    es: "Delaney Hall en Newark, Nueva Jersey",
  },
  newark_court: {
    en: "the Newark immigration court",
    es: "la corte de inmigración de Newark",
  },
  ulster_court: {
    en: "the Ulster immigration court in Napanoch",
    es: "la corte de inmigración de Ulster en Napanoch",
  },
};
