import sharp from 'sharp';
import type { CapturedMessage } from './smtp.js';

/** The settings of a real installation for a child server (see test/support/server.ts). */
export function installationEnv(databaseUrl: string, smtpUrl: string): Record<string, string> {
  return {
    DATABASE_URL: databaseUrl,
    PUBLIC_URL: 'http://tilts.test',
    SECRET: 'test-secret-of-at-least-16-characters',
    SMTP_URL: smtpUrl,
    LOG_LEVEL: 'error',
  };
}

/** A phone-sized JPEG with noise: real work for the photo pipeline. */
export function noisyJpeg(width = 1200, height = 900): Promise<Buffer> {
  return sharp({
    create: {
      width,
      height,
      channels: 3,
      background: '#6a8',
      noise: { type: 'gaussian', mean: 120, sigma: 30 },
    },
  })
    .jpeg({ quality: 90 })
    .toBuffer();
}

/**
 * The report form as a browser sends it: the form page first (its cookies), then a multipart POST
 * with the fields in page order, "reviewed" (no nearby-reports step), then the photos.
 */
export async function submitReport(
  base: string,
  fields: Record<string, string>,
  photos: Buffer[],
  options: { signal?: AbortSignal; headers?: Record<string, string> } = {},
): Promise<Response> {
  const page = await fetch(`${base}/reports/new`, { headers: options.headers, signal: options.signal });
  const cookies = page.headers
    .getSetCookie()
    .map((cookie) => cookie.split(';', 1)[0])
    .join('; ');
  await page.arrayBuffer();
  const body = new FormData();
  for (const [name, value] of Object.entries(fields)) body.append(name, value);
  body.append('reviewed', '1');
  for (const [index, photo] of photos.entries())
    body.append('photos', new Blob([new Uint8Array(photo)], { type: 'image/jpeg' }), `foto-${index + 1}.jpg`);
  return fetch(`${base}/reports`, {
    method: 'POST',
    body,
    redirect: 'manual',
    headers: { ...options.headers, ...(cookies ? { cookie: cookies } : {}) },
    signal: options.signal,
  });
}

/** The path of the confirmation link (`/reports/confirm/…`) in a captured email, if it has one. */
export function confirmPathOf(message: CapturedMessage): string | undefined {
  return /https?:\/\/[^/\s]+(\/reports\/confirm\/[A-Za-z0-9._~-]+)/.exec(message.parsed.text ?? '')?.[1];
}

/** Clicks the button of a confirmation link, as the resident does; answers the status. */
export async function confirmAt(base: string, confirmPath: string): Promise<number> {
  const res = await fetch(`${base}${confirmPath}`, {
    method: 'POST',
    body: new URLSearchParams(),
    redirect: 'manual',
  });
  await res.arrayBuffer();
  return res.status;
}
