import type { OrgKind } from "./organizations";
import type { Bilingual, OtherLocale } from "./services";

/** About texts of demo organizations, by kind: `name` and `place` are filled in. */
export const ORGANIZATION_ABOUT: Record<
  OrgKind,
  (name: string, place: Bilingual, area: Bilingual) => Bilingual
> = {
  legal: (name, place, area) => ({
    en: `${name} is a nonprofit immigration law office in ${place.en}. Our attorneys and accredited representatives give free advice and take on the cases of people in ${area.en} who cannot afford a private lawyer.`,
    es: `${name} es una oficina legal de inmigración sin fines de lucro en ${place.es}. Nuestros abogados y representantes acreditados ofrecen orientación gratuita y llevan los casos de personas de ${area.es} que no pueden pagar un abogado privado.`,
  }),
  community: (name, place) => ({
    en: `${name} is a community center in ${place.en}, run by and for immigrant families. Alongside classes and organizing, our legal program helps neighbors with applications, renewals and court cases.`,
    es: `${name} es un centro comunitario en ${place.es}, dirigido por y para familias inmigrantes. Además de clases y organización comunitaria, nuestro programa legal ayuda a los vecinos con solicitudes, renovaciones y casos en la corte.`,
  }),
  workers: (name, place, area) => ({
    en: `${name} defends immigrant workers in ${area.en}: unpaid wages, unsafe jobs and the immigration problems that come with them. Our office in ${place.en} holds evening and weekend clinics.`,
    es: `${name} defiende a los trabajadores inmigrantes de ${area.es}: salarios no pagados, trabajos peligrosos y los problemas migratorios que vienen con ellos. Nuestra oficina en ${place.es} ofrece talleres por la tarde y los fines de semana.`,
  }),
  youth: (name, place) => ({
    en: `${name} represents children and young people who came to the U.S. alone or whose families cannot protect them, from family court to immigration court. Our office in ${place.en} is a welcoming place for young clients and their caregivers.`,
    es: `${name} representa a niños, niñas y jóvenes que llegaron solos a Estados Unidos o cuyas familias no pueden protegerlos, desde la corte de familia hasta la corte de inmigración. Nuestra oficina en ${place.es} es un lugar acogedor para jóvenes y las personas que los cuidan.`,
  }),
  survivors: (name, place) => ({
    en: `${name} helps survivors of domestic violence, sexual assault and trafficking rebuild safe lives, including the immigration protection the law provides for them. Our office is in ${place.en}; the address of our shelter is confidential, so please call first.`,
    es: `${name} ayuda a sobrevivientes de violencia doméstica, agresión sexual y trata a reconstruir una vida segura, incluida la protección migratoria que la ley les ofrece. Nuestra oficina está en ${place.es}; la dirección de nuestro refugio es confidencial, así que llame primero.`,
  }),
  detention: (name, place) => ({
    en: `${name} represents people held in immigration detention and fights for their release, working closely with their families. Our lawyers are based in ${place.en} and visit the jails and detention centers every week.`,
    es: `${name} representa a personas en detención migratoria y lucha por su liberación, en estrecho contacto con sus familias. Nuestros abogados trabajan desde ${place.es} y visitan cada semana las cárceles y los centros de detención.`,
  }),
  clinic: (name, place, area) => ({
    en: `${name} holds free legal clinics in ${place.en} with volunteer attorneys and trained community advocates, for anyone in ${area.en} who needs advice or help with an application.`,
    es: `${name} organiza talleres legales gratuitos en ${place.es} con abogados voluntarios y promotores comunitarios capacitados, para cualquier persona de ${area.es} que necesite orientación o ayuda con una solicitud.`,
  }),
  helpline: (name) => ({
    en: `${name} answers immigration legal questions by phone and video for people anywhere in New York State, and refers callers to member organizations near them. We have no walk-in office.`,
    es: `${name} responde preguntas legales de inmigración por teléfono y por video a personas de todo el estado de Nueva York y las refiere a organizaciones miembros cercanas. No tenemos oficina abierta al público.`,
  }),
  lowFee: (name, place) => ({
    en: `${name} is a nonprofit law practice in ${place.en} that charges low fees based on income, so that working families can afford an immigration lawyer.`,
    es: `${name} es un despacho legal sin fines de lucro en ${place.es} que cobra tarifas bajas según los ingresos, para que las familias trabajadoras puedan pagar un abogado de inmigración.`,
  }),
};

export function staffLanguagesSentence(list: Bilingual): Bilingual {
  return { en: `Staff speak ${list.en}.`, es: `Nuestro personal habla ${list.es}.` };
}

/** One sentence about an organization in another language its staff speak. */
export const ORGANIZATION_ABOUT_OTHER: Record<
  OtherLocale,
  (name: string, place: string) => string
> = {
  "zh-Hans": (name, place) =>
    `${name}为${place}的移民及其家人提供移民法律服务。我们有讲中文的工作人员，欢迎来电预约。`,
  "zh-Hant": (name, place) =>
    `${name}為${place}的移民及其家人提供移民法律服務。我們有講中文的工作人員，歡迎來電預約。`,
  ko: (name, place) =>
    `${name}에서는 ${place}의 이민자와 가족에게 이민 법률 서비스를 제공합니다. 한국어 상담이 가능하니 전화로 예약해 주세요.`,
  ht: (name, place) =>
    `${name} bay imigran ak fanmi yo nan ${place} sèvis legal imigrasyon. Nou pale kreyòl: rele nou pou pran randevou.`,
  bn: (name, place) =>
    `${name} ${place} এলাকার অভিবাসী ও তাঁদের পরিবারকে ইমিগ্রেশন বিষয়ে আইনি সেবা দেয়। আমাদের বাংলাভাষী কর্মী আছেন; অ্যাপয়েন্টমেন্টের জন্য ফোন করুন।`,
  ru: (name, place) =>
    `${name} оказывает иммигрантам и их семьям (${place}) юридическую помощь по иммиграционным вопросам. У нас есть русскоговорящие сотрудники — звоните, чтобы записаться на приём.`,
  ar: (name, place) =>
    `تقدّم ${name} خدمات قانونية في قضايا الهجرة للمهاجرين وعائلاتهم في ${place}. لدينا موظفون يتحدثون العربية؛ اتصلوا بنا لحجز موعد.`,
  ur: (name, place) =>
    `${name} ${place} میں تارکینِ وطن اور ان کے خاندانوں کو امیگریشن کی قانونی خدمات فراہم کرتا ہے۔ ہمارے ہاں اردو بولنے والا عملہ موجود ہے؛ وقت لینے کے لیے فون کریں۔`,
  fr: (name, place) =>
    `${name} offre des services juridiques en immigration aux immigrants et à leurs familles (${place}). Notre équipe parle français : appelez-nous pour prendre rendez-vous.`,
  pl: (name, place) =>
    `${name} zapewnia imigrantom i ich rodzinom (${place}) pomoc prawną w sprawach imigracyjnych. Mamy pracowników mówiących po polsku — prosimy dzwonić, aby umówić wizytę.`,
};

export const FEE_TEXT = {
  sliding_scale: {
    en: "Fees depend on household income and size, from $0 up to a few hundred dollars depending on the case. No one is turned away because they cannot pay.",
    es: "La tarifa depende de los ingresos y del tamaño de su familia, desde $0 hasta unos cientos de dólares según el caso. No rechazamos a nadie por no poder pagar.",
  },
  fee: (amount: number): Bilingual => ({
    en: `A flat fee of $${amount} covers our work on the application; government filing fees are separate. Payment plans are available.`,
    es: `Una tarifa fija de $${amount} cubre nuestro trabajo en la solicitud; las tarifas del gobierno se pagan aparte. Ofrecemos planes de pago.`,
  }),
};

export const ACCESSIBILITY = [
  "Step-free entrance and elevator; accessible restroom.",
  "Ground-floor office with a step-free entrance.",
  "Second-floor office without an elevator. Call ahead and we will meet you on the ground floor.",
  "Wheelchair accessible. ASL interpreters available with two days' notice.",
  "Ramp at the side entrance; elevator to all floors.",
] as const;

export const SUITES = [
  "Suite 2B",
  "2nd Floor",
  "Room 204",
  "Suite 310",
  "Ground floor",
  "3rd Floor",
];
