/*
 * Inline styles for the HTML emails (templates read them as `style.h1` …). Email clients drop
 * <style> blocks and external CSS, so every element carries its own. Colours are the site's and
 * meet WCAG 2.1 AA contrast on white.
 */
export const EMAIL_STYLES = Object.freeze({
  h1: 'margin:0 0 16px;font-size:22px;line-height:1.3;color:#1b1f24;',
  h2: 'margin:24px 0 8px;font-size:18px;line-height:1.3;color:#1b1f24;',
  p: 'margin:0 0 16px;',
  muted: 'margin:0 0 16px;color:#4a5360;',
  link: 'color:#0b4f8a;',
  button:
    'display:inline-block;background:#7a1f2b;color:#ffffff;font-weight:bold;text-decoration:none;padding:12px 20px;border-radius:6px;',
  buttonRow: 'margin:24px 0;',
  table: 'margin:0 0 16px;font-size:16px;line-height:1.5;border-collapse:collapse;',
  th: 'padding:4px 12px 4px 0;vertical-align:top;text-align:left;font-weight:bold;',
  td: 'padding:4px 0;vertical-align:top;text-align:left;',
  quote: 'margin:0 0 16px;padding:8px 12px;border-left:4px solid #c9d0d8;white-space:pre-wrap;',
  notice: 'margin:0 0 16px;padding:12px;border-left:4px solid #8a4b00;background:#fff6e5;',
  list: 'margin:0 0 16px;padding-left:20px;',
});
