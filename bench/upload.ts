import sharp from 'sharp';

const WIDTH = 4000;
const HEIGHT = 3000;

export type UploadResult =
  | { available: false; reason: string }
  | {
      available: true;
      /** From sending the form until its answer arrived. */
      ms: number;
      status: number;
      /** Whether the form was accepted: a redirect, or a 200 page after following the nearby-reports step. */
      accepted: boolean;
      note: string;
      bytes: number;
    };

export interface Photographs {
  width: number;
  height: number;
  /** Standard deviation of the sensor-like noise: more noise, more bytes. */
  sigma: number;
  quality: number;
}

/**
 * JPEGs like a phone's: a gradient under sensor-like noise, which JPEG cannot compress away. The
 * noise is made once; each photo gets its own colours.
 */
export async function noisyJpegs(shape: Photographs, count: number): Promise<Buffer[]> {
  const { width, height } = shape;
  const noise = await sharp({
    create: {
      width,
      height,
      channels: 3,
      background: '#808080',
      noise: { type: 'gaussian', mean: 128, sigma: shape.sigma },
    },
  })
    .raw()
    .toBuffer();
  const photos: Buffer[] = [];
  for (let i = 0; i < count; i++) {
    const gradient = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><defs><linearGradient id="g" x1="0" y1="0" x2="${i % 2}" y2="1"><stop offset="0" stop-color="hsl(${i * 70},45%,65%)"/><stop offset="1" stop-color="hsl(${i * 70 + 40},35%,30%)"/></linearGradient></defs><rect width="${width}" height="${height}" fill="url(#g)"/></svg>`;
    photos.push(
      await sharp(Buffer.from(gradient))
        .composite([{ input: noise, raw: { width, height, channels: 3 }, blend: 'overlay' }])
        .jpeg({ quality: shape.quality })
        .toBuffer(),
    );
  }
  return photos;
}

/** Five 12-megapixel JPEGs of about 5 MB each: the worst a phone sends. */
export function twelveMegapixelJpegs(count = 5): Promise<Buffer[]> {
  return noisyJpegs({ width: WIDTH, height: HEIGHT, sigma: 28, quality: 88 }, count);
}

/** The cookies a response sets, as a Cookie header to send back. */
export function cookiesOf(response: Response, jar: Map<string, string>): string {
  for (const line of response.headers.getSetCookie()) {
    const [pair] = line.split(';');
    const at = pair!.indexOf('=');
    if (at > 0) jar.set(pair!.slice(0, at).trim(), pair!.slice(at + 1).trim());
  }
  return [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
}

const attribute = (tag: string, name: string) =>
  new RegExp(`\\s${name}="([^"]*)"`, 'i')
    .exec(tag)?.[1]
    ?.replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"');

/** Hidden fields of the first form that posts to `action` (a CSRF token, pending photo ids…). */
export function hiddenFields(html: string, action: RegExp): [string, string][] {
  for (const form of html.match(/<form\b[\s\S]*?<\/form>/gi) ?? []) {
    const open = /<form\b[^>]*>/i.exec(form)![0];
    if (!action.test(attribute(open, 'action') ?? '') || !/method="post"/i.test(open)) continue;
    return (form.match(/<input\b[^>]*>/gi) ?? [])
      .filter((tag) => /type="hidden"/i.test(tag))
      .map((tag) => [attribute(tag, 'name') ?? '', attribute(tag, 'value') ?? ''] as [string, string])
      .filter(([name]) => name !== '');
  }
  return [];
}

/**
 * "A report with five 12-megapixel JPEGs is accepted in ≤ 2 s": fills /reports/new as a browser
 * would (its cookies and hidden fields, e.g. a CSRF token) and posts the multipart form once.
 * The address is new each run, because of the limit of 5 reports an hour per address.
 */
export async function postReportWithPhotos(url: string, photos: Buffer[]): Promise<UploadResult> {
  const jar = new Map<string, string>();
  const page = await fetch(`${url}/reports/new?category=roads&parish=kaunatas`, { redirect: 'manual' });
  const html = await page.text();
  if (page.status === 404)
    return { available: false, reason: 'GET /reports/new answers 404 (the form is not built yet)' };
  const cookie = cookiesOf(page, jar);
  const form = new FormData();
  for (const [name, value] of hiddenFields(html, /^\/reports\/?$/)) form.append(name, value);
  const fields = {
    category: 'roads',
    parish: 'kaunatas',
    title: 'Bedres uz ceļa Rēzekne–Kaunata',
    description: 'Uz ceļa Rēzekne–Kaunata pie 12. km ir vairākas dziļas bedres. Pievienoju fotogrāfijas.',
    location: 'ceļš Rēzekne–Kaunata, 12. km',
    name: 'Bench Mark',
    email: `bench.${Date.now()}@example.org`,
  };
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  photos.forEach((photo, index) =>
    form.append(
      'photos',
      new Blob([new Uint8Array(photo)], { type: 'image/jpeg' }),
      `IMG_${4100 + index}.jpg`,
    ),
  );
  const bytes = photos.reduce((sum, photo) => sum + photo.length, 0);

  const started = performance.now();
  const response = await fetch(`${url}/reports`, {
    method: 'POST',
    body: form,
    headers: { cookie },
    redirect: 'manual',
  });
  const body = await response.text();
  const ms = performance.now() - started;
  if (response.status === 404)
    return { available: false, reason: 'POST /reports answers 404 (the form is not built yet)' };
  const redirected = response.status === 302 || response.status === 303;
  const refused = /aria-invalid="true"/.test(body);
  let note = redirected ? `redirected to ${response.headers.get('location')}` : `answered ${response.status}`;
  if (refused) note += ' with form errors';
  // The nearby-reports review comes after the photos were processed and stored: they were accepted.
  else if (response.status === 200) note += ' with a review page (nearby reports?)';
  const accepted = redirected || (response.status === 200 && !refused);
  return { available: true, ms, status: response.status, accepted, note, bytes };
}
