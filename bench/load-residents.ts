/**
 * Issue 11's load: 50 residents at once, each submitting reports with one or two phone photos for
 * 60 s, as a browser without JavaScript would: GET /reports/new (cookies, hidden fields, the
 * choices on offer), POST the multipart form, answer the nearby-reports review with its own form
 * when it comes, and follow the redirect to the "check your email" page. Used by bench/run.ts, and
 * runnable alone: `npx tsx bench/load-residents.ts` (see main() at the end).
 *
 * Limits: every submission has its own address `…@example.org` (5 an hour per address), and the
 * per-IP limit of the form (20 an hour, a constant in src/report-form/routes.ts) is met as it is
 * on a live server behind a proxy: the app runs with TRUST_PROXY=loopback and each submission
 * comes from its own X-Forwarded-For address in 198.18.0.0/15, the range set aside for benchmarks.
 */
import { cookiesOf, hiddenFields, noisyJpegs } from './upload.js';

export const LOAD_APP_ENV = { TRUST_PROXY: 'loopback' } as const;
export const LIMITS_NOTE =
  'per-IP limit met by TRUST_PROXY=loopback and one X-Forwarded-For address (198.18.0.0/15) per submission; ' +
  'one @example.org address per submission';

export interface ResidentLoadResult {
  residents: number;
  durationSeconds: number;
  photoBytes: number[];
  attempted: number;
  accepted: number;
  /** Answered with the form again (422, 429): the resident would have to act. */
  refused: number;
  /** Every response of 500 or more, of any request of the flow. */
  serverErrors: number;
  /** Requests that got no answer at all (connection reset, timeout). */
  networkErrors: number;
  /** Form posts answered by the review of nearby reports and sent again from it. */
  reviewed: number;
  /** From sending the form to the "check your email" page, for accepted submissions. */
  submissionMs: { p50: number; p99: number; max: number };
  /** The addresses of accepted submissions: each must have its row. */
  acceptedEmails: string[];
  /** Any unexpected answers, a few of each kind, to read. */
  samples: string[];
}

/**
 * Phone photos of 2–4 MB each (12 megapixels, 4032 × 3024, with sensor-like noise at a phone's
 * quality): fewer bytes than bench/upload.ts's worst case, as most phones send.
 */
export function phoneJpegs(count = 4): Promise<Buffer[]> {
  return noisyJpegs({ width: 4032, height: 3024, sigma: 14, quality: 84 }, count);
}

const TEXTS = [
  ['Bedre uz ceļa', 'Uz ceļa pie autobusa pieturas ir dziļa bedre, mašīnas brauc apkārt pa pretējo joslu.'],
  ['Nedeg ielas apgaismojums', 'Jau nedēļu vakaros nedeg trīs laternas pie skolas, bērni iet tumsā.'],
  ['Pārpildīti atkritumu konteineri', 'Konteineri pie daudzdzīvokļu mājas nav izvesti divas nedēļas.'],
  ['Nolūzis koks pār ceļu', 'Pēc vētras koks gulstas pār grantēto ceļu, var izbraukt tikai ar traktoru.'],
] as const;

function options(html: string, name: string): string[] {
  const select = new RegExp(`<select\\b[^>]*name="${name}"[^>]*>([\\s\\S]*?)</select>`, 'i').exec(html);
  return [...(select?.[1] ?? '').matchAll(/<option\b[^>]*value="([^"]+)"/gi)].map((m) => m[1]!);
}

function percentile(sorted: number[], p: number): number {
  return sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;
}

class Run {
  readonly result: ResidentLoadResult;
  private readonly times: number[] = [];

  constructor(
    private readonly url: string,
    private readonly photos: Buffer[],
    private readonly runId: string,
    residents: number,
    durationSeconds: number,
  ) {
    this.result = {
      residents,
      durationSeconds,
      photoBytes: photos.map((photo) => photo.length),
      attempted: 0,
      accepted: 0,
      refused: 0,
      serverErrors: 0,
      networkErrors: 0,
      reviewed: 0,
      submissionMs: { p50: 0, p99: 0, max: 0 },
      acceptedEmails: [],
      samples: [],
    };
  }

  private sample(text: string) {
    if (this.result.samples.filter((s) => s.startsWith(text.slice(0, 30))).length < 3)
      this.result.samples.push(text);
  }

  /** fetch that counts a 5xx; the body is read so the connection is free again. */
  private async send(path: string, init: RequestInit): Promise<{ response: Response; body: string }> {
    const response = await fetch(this.url + path, { ...init, redirect: 'manual' });
    const body = await response.text();
    if (response.status >= 500) {
      this.result.serverErrors++;
      this.sample(`${init.method ?? 'GET'} ${path} answered ${response.status}`);
    }
    return { response, body };
  }

  /** One resident's report, from the empty form to the "check your email" page. */
  async submit(resident: number, n: number): Promise<void> {
    const jar = new Map<string, string>();
    const address = `198.${18 + (resident >> 8)}.${resident & 255}.${(n % 254) + 1}`;
    const email = `resident${resident}.${n}.${this.runId}@example.org`;
    const headers = (extra: Record<string, string> = {}) => ({
      cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '),
      'x-forwarded-for': address,
      ...extra,
    });
    const page = await this.send('/reports/new', { headers: headers() });
    cookiesOf(page.response, jar);
    const parishes = options(page.body, 'parish');
    const categories = options(page.body, 'category');
    const [title, description] = TEXTS[(resident + n) % TEXTS.length]!;
    const form = new FormData();
    for (const [name, value] of hiddenFields(page.body, /^\/reports\/?$/)) form.append(name, value);
    const fields: Record<string, string> = {
      category: categories[(resident * 7 + n) % Math.max(categories.length, 1)] ?? 'roads',
      parish: parishes[(resident * 13 + n * 5) % Math.max(parishes.length, 1)] ?? 'kaunatas',
      title,
      description,
      location: `Centrālā iela ${resident + 1}`,
      name: `Iedzīvotājs ${resident + 1}`,
      email,
    };
    for (const [name, value] of Object.entries(fields)) form.append(name, value);
    const count = 1 + ((resident + n) % 2);
    for (let i = 0; i < count; i++) {
      const photo = this.photos[(resident + n + i) % this.photos.length]!;
      form.append('photos', new Blob([new Uint8Array(photo)], { type: 'image/jpeg' }), `IMG_${n}${i}.jpg`);
    }
    this.result.attempted++;
    const started = performance.now();
    let answer = await this.send('/reports', { method: 'POST', body: form, headers: headers() });
    cookiesOf(answer.response, jar);
    if (answer.response.status === 200 && /data-qa="send-anyway"/.test(answer.body)) {
      // The review of nearby reports: "send mine anyway", with the form's own hidden fields.
      this.result.reviewed++;
      const again = new URLSearchParams(hiddenFields(answer.body, /^\/reports\/?$/));
      answer = await this.send('/reports', {
        method: 'POST',
        body: again,
        headers: headers({ 'content-type': 'application/x-www-form-urlencoded' }),
      });
    }
    const location = answer.response.headers.get('location') ?? '';
    if (answer.response.status === 303 && location.startsWith('/reports/sent')) {
      const sent = await this.send(location, { headers: headers() });
      if (sent.response.status === 200) {
        this.result.accepted++;
        this.result.acceptedEmails.push(email);
        this.times.push(performance.now() - started);
        return;
      }
    }
    if (answer.response.status < 500) {
      this.result.refused++;
      const error = /class="error-summary[\s\S]{0,400}/.exec(answer.body)?.[0].replace(/\s+/g, ' ');
      this.sample(`POST /reports answered ${answer.response.status}${error ? `: ${error}` : ''}`);
    }
  }

  finish(): ResidentLoadResult {
    const sorted = [...this.times].sort((a, b) => a - b);
    this.result.submissionMs = {
      p50: percentile(sorted, 0.5),
      p99: percentile(sorted, 0.99),
      max: sorted.at(-1) ?? 0,
    };
    return this.result;
  }
}

/**
 * `residents` loops, each submitting one report after another until `durationSeconds` have passed;
 * a submission started before then is finished and counted. The app must run with LOAD_APP_ENV.
 */
export async function residentsLoad(
  url: string,
  options: { residents: number; durationSeconds: number; photos: Buffer[] },
): Promise<ResidentLoadResult> {
  const runId = Date.now().toString(36);
  const run = new Run(url, options.photos, runId, options.residents, options.durationSeconds);
  const deadline = performance.now() + options.durationSeconds * 1000;
  await Promise.all(
    Array.from({ length: options.residents }, async (_, resident) => {
      for (let n = 0; performance.now() < deadline; n++) {
        await run.submit(resident, n).catch((error: unknown) => {
          run.result.networkErrors++;
          run.result.attempted += 0;
          if (error instanceof Error) run.result.samples.push(`resident ${resident}: ${error.message}`);
        });
      }
    }),
  );
  return run.finish();
}

/** The accepted addresses that have no row in `reports`: must be none. */
export async function missingRows(
  query: (emails: string[]) => Promise<string[]>,
  result: ResidentLoadResult,
): Promise<{ rows: number; missing: string[] }> {
  const found = new Set((await query(result.acceptedEmails)).map((email) => email.toLowerCase()));
  return {
    rows: found.size,
    missing: result.acceptedEmails.filter((email) => !found.has(email.toLowerCase())),
  };
}
