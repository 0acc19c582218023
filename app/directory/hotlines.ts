/**
 * Free, public hotlines shown on "Get help now", with zero search results and on referral
 * slips. Descriptions are i18n keys (`common:hotlines.<id>.*`); numbers are not translated.
 */
export const HOTLINES = [
  { id: "emergency", phone: "911", tel: "911" },
  { id: "newAmericans", phone: "1-800-566-7636", tel: "+18005667636" },
  { id: "actionNyc", phone: "1-800-354-0365", tel: "+18003540365" },
  { id: "domesticViolence", phone: "1-800-799-7233", tel: "+18007997233" },
  { id: "trafficking", phone: "1-888-373-7888", tel: "+18883737888" },
] as const;
export type Hotline = (typeof HOTLINES)[number];
