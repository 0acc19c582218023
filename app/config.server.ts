import { z } from "zod";
import { DEFAULT_COALITION, type Hotline } from "~/coalition";

/**
 * The one place that reads process.env. Everything else imports typed values from here,
 * so a misconfigured deployment fails at start with a message naming the variable.
 */
const booleanFromEnv = z
  .enum(["true", "false", "1", "0", ""])
  .optional()
  .transform((value) => value === "true" || value === "1");

const base64Key = z
  .string()
  .trim()
  .refine(
    (value) => /^[A-Za-z0-9+/]+={0,2}$/.test(value) && Buffer.from(value, "base64").length === 32,
    "must be 32 bytes in base64 (generate one with `openssl rand -base64 32`)",
  );

const keyRingSpec = z
  .string()
  .trim()
  .refine(
    (value) =>
      value
        .split(",")
        .map((entry) => entry.trim())
        .every((entry) => {
          const [keyId = "", key = "", ...rest] = entry.split(":");
          return (
            rest.length === 0 &&
            /^[A-Za-z0-9_.-]{1,64}$/.test(keyId) &&
            base64Key.safeParse(key).success
          );
        }),
    'must be "id:base64key,id:base64key" with 32-byte keys',
  );

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

const { mapCenter } = DEFAULT_COALITION;
const mapCenterSpec = z
  .string()
  .trim()
  .regex(
    /^-?[0-9]{1,2}(\.[0-9]+)?,-?[0-9]{1,3}(\.[0-9]+)?(,[0-9]{1,2})?$/,
    'must be "latitude,longitude" or "latitude,longitude,zoom", e.g. "41.88,-87.63,10"',
  )
  .transform((value) => {
    const [lat, lng, zoom] = value.split(",").map(Number) as [number, number, number?];
    return { lat, lng, zoom: zoom ?? mapCenter.zoom };
  })
  .refine(
    ({ lat, lng, zoom }) => Math.abs(lat) <= 90 && Math.abs(lng) <= 180 && zoom >= 1 && zoom <= 18,
    "latitude within ±90, longitude within ±180, zoom 1–18",
  );

const localizedText = z
  .record(z.string().min(1))
  .refine((texts) => typeof texts.en === "string", 'needs an "en" text');
const hotlinesSpec = z
  .string()
  .transform((value, context) => {
    try {
      return JSON.parse(value) as unknown;
    } catch {
      context.addIssue({ code: "custom", message: "must be a JSON array of hotlines" });
      return z.NEVER;
    }
  })
  .pipe(
    z
      .array(
        z.object({
          id: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/),
          phone: z.string().min(1).max(40),
          tel: z.string().regex(/^\+?[0-9]{2,15}$/, "tel: digits, optionally after +"),
          name: localizedText.optional(),
          description: localizedText.optional(),
        }),
      )
      .max(20),
  ) satisfies z.ZodType<Hotline[], z.ZodTypeDef, string>;

/** The shortest REFERRAL_RETENTION_DAYS allowed (README, "Privacy and security"). */
export const MIN_RETENTION_DAYS = 7;

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().default("127.0.0.1"),
  PUENTE_DATA_DIR: z.string().default(".data"),
  DATABASE_URL: z.string().url().optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  MEILI_HOST: z.string().url().optional(),
  MEILI_MASTER_KEY: z.string().optional(),
  /** A key that may only search; unset: Puente creates one with MEILI_MASTER_KEY. */
  MEILI_SEARCH_KEY: z.string().optional(),
  MEILI_BIN: z.string().optional(),
  MEILI_INDEX_PREFIX: z
    .string()
    .regex(/^[a-z0-9_]*$/, "only lowercase letters, digits and _")
    .default("puente_"),
  MAP_TILE_URL: z.string().default("https://tile.openstreetmap.org/{z}/{x}/{y}.png"),
  MAP_TILE_ATTRIBUTION: z
    .string()
    .default(
      '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors',
    ),
  /**
   * The origin every absolute link (emails, referral slips) is built from. Required in
   * production with an external database; see `publicOrigin` for the fallback otherwise.
   */
  PUBLIC_URL: z
    .string()
    .url()
    .refine((value) => /^https?:\/\//.test(value), "must start with http:// or https://")
    .transform((value) => value.replace(/\/+$/, ""))
    .optional(),
  SEED_DEMO_DATA: booleanFromEnv.default("true"),
  SEARCH_SYNC_INTERVAL_MS: z.coerce.number().int().min(50).default(1000),
  /** smtp(s)://user:pass@host:port; unset keeps every email in the mail_outbox table. */
  SMTP_URL: z
    .string()
    .url()
    .refine((value) => /^smtps?:\/\//.test(value), "must start with smtp:// or smtps://")
    .optional(),
  MAIL_FROM: z.string().default("Puente <no-reply@puente.invalid>"),
  MAIL_DELIVERY_INTERVAL_MS: z.coerce.number().int().min(100).default(5000),
  /**
   * Express "trust proxy" setting, so the client address used by login throttling is the
   * visitor's and not the reverse proxy's: e.g. "loopback", "1" (hops) or a subnet list.
   */
  TRUST_PROXY: z.string().optional(),
  /** Key for personal data (AES-256-GCM): 32 random bytes in base64 (`openssl rand -base64 32`). */
  DATA_ENCRYPTION_KEY: base64Key.optional(),
  /** Key ring for rotation: "id1:base64,id2:base64"; rows name the key that encrypted them. */
  DATA_ENCRYPTION_KEYS: keyRingSpec.optional(),
  /** Id of the key new data is encrypted with (default "default", the id of DATA_ENCRYPTION_KEY). */
  DATA_ENCRYPTION_KEY_ID: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{1,64}$/, "letters, digits, _ . - only")
    .optional(),
  /**
   * Embedded setup without DATA_ENCRYPTION_KEY: file of the generated key. Default
   * $XDG_CONFIG_HOME/puente/encryption-key-<hash of PUENTE_DATA_DIR>, never inside the data dir.
   */
  DATA_ENCRYPTION_KEY_FILE: z.string().optional(),
  XDG_CONFIG_HOME: z.string().optional(),
  /** Set by the launcher when it started the embedded PostgreSQL (a key may then be generated). */
  PUENTE_EMBEDDED_DATABASE: booleanFromEnv.default("false"),
  /**
   * Days after a referral closes before its personal data is erased. At least 7: a mistaken
   * close, or an automatic one, can be followed by "refer to another" for a week.
   */
  REFERRAL_RETENTION_DAYS: z.coerce
    .number()
    .int()
    .min(
      MIN_RETENTION_DAYS,
      `must be at least ${MIN_RETENTION_DAYS} (days the person's details stay after a referral closes, so staff can still re-match it)`,
    )
    .max(3650)
    .default(90),
  /** Days without activity (timeline entry or follow-up date) before an open referral is closed automatically. */
  REFERRAL_INACTIVE_DAYS: z.coerce.number().int().min(7).max(3650).default(60),
  /** Days a referral slip link keeps working. */
  REFERRAL_SLIP_DAYS: z.coerce.number().int().min(1).max(365).default(60),
  /**
   * Key of the blind index that finds a referral by the person's phone or email (HMAC-SHA256):
   * 32 bytes in base64, apart from DATA_ENCRYPTION_KEY. Unset: generated next to the embedded
   * encryption key, derived from DATA_ENCRYPTION_KEY in development and tests, else lookup by
   * phone or email is off (app/referrals/lookup.server.ts).
   */
  REFERRAL_LOOKUP_KEY: base64Key.optional(),
  /**
   * Text messages (the slip link) go through an HTTP API: a JSON POST of {from, to, text} to
   * SMS_API_URL with "Authorization: Bearer SMS_API_TOKEN". Unset: SMS is not offered.
   */
  SMS_API_URL: z
    .string()
    .url()
    .refine((value) => /^https?:\/\//.test(value), "must start with http:// or https://")
    .optional(),
  SMS_API_TOKEN: z.string().optional(),
  /** The sender the provider shows (a number or an alphanumeric id), sent as "from". */
  SMS_FROM: z.string().max(40).optional(),
  // The coalition's own facts (app/coalition.ts), so another coalition runs Puente unchanged.
  COALITION_TIME_ZONE: z
    .string()
    .trim()
    .refine(isTimeZone, "must be an IANA time zone, e.g. America/Chicago")
    .default(DEFAULT_COALITION.timeZone),
  COALITION_STALE_DAYS: z.coerce
    .number()
    .int()
    .min(1)
    .max(3650)
    .default(DEFAULT_COALITION.staleAfterDays),
  /** Unset: maps open on the published locations (app/geo/map-center.server.ts). */
  COALITION_MAP_CENTER: mapCenterSpec.optional(),
  /** JSON: [{"id","phone","tel","name":{"en",...},"description":{"en",...}}]. */
  COALITION_HOTLINES: hotlinesSpec.default(JSON.stringify(DEFAULT_COALITION.hotlines)),
});

/**
 * A production deployment on its own database must say where it is reachable: links in
 * emails and on referral slips would otherwise point at a guess. `npm start` on a fresh
 * machine (embedded PostgreSQL, no DATABASE_URL of its own) may leave it unset and gets
 * http://localhost:PORT with a warning (see `publicOrigin`).
 */
const configSchema = envSchema.superRefine((settings, context) => {
  const ownDatabase = settings.DATABASE_URL !== undefined && !settings.PUENTE_EMBEDDED_DATABASE;
  if (settings.NODE_ENV === "production" && ownDatabase && !settings.PUBLIC_URL) {
    context.addIssue({
      code: z.ZodIssueCode.custom,
      path: ["PUBLIC_URL"],
      message:
        "is required in production with DATABASE_URL: set it to the address people use, " +
        "e.g. https://puente.example.org (links in emails and referral slips are built from it)",
    });
  }
});

export type AppConfig = z.infer<typeof envSchema>;

/**
 * The origin of every absolute link. PUBLIC_URL when set; otherwise the address the app
 * listens on (never the request's Host header, which anyone can forge): 127.0.0.1, 0.0.0.0
 * and :: read as localhost.
 */
export function publicOrigin(settings: AppConfig): string {
  if (settings.PUBLIC_URL) return settings.PUBLIC_URL;
  const host = ["127.0.0.1", "0.0.0.0", "::", "::1"].includes(settings.HOST)
    ? "localhost"
    : settings.HOST.includes(":")
      ? `[${settings.HOST}]`
      : settings.HOST;
  return `http://${host}:${settings.PORT}`;
}

export function parseConfig(env: NodeJS.ProcessEnv): AppConfig {
  const result = configSchema.safeParse(env);
  if (!result.success) {
    const problems = result.error.issues
      .map((issue) => `  ${issue.path.join(".")}: ${issue.message}`)
      .join("\n");
    throw new Error(`Invalid configuration in environment variables:\n${problems}`);
  }
  return result.data;
}

let cached: AppConfig | undefined;

/** Read lazily so scripts and tests can set process.env before the first use. */
export function config(): AppConfig {
  cached ??= parseConfig(process.env);
  return cached;
}

/** For tests that change process.env (e.g. NODE_ENV=production): the next config() rereads it. */
export function resetConfigCache(): void {
  cached = undefined;
}

export function requireDatabaseUrl(): string {
  const url = config().DATABASE_URL;
  if (!url) {
    throw new Error(
      "DATABASE_URL is not set. `npm start` sets it after starting embedded Postgres; " +
        "scripts run on their own need DATABASE_URL (or run them through `npm start`).",
    );
  }
  return url;
}

export function requireMeili(): { host: string; apiKey: string | undefined } {
  const host = config().MEILI_HOST;
  if (!host) {
    throw new Error("MEILI_HOST is not set. `npm start` sets it after starting Meilisearch.");
  }
  return { host, apiKey: config().MEILI_MASTER_KEY };
}
