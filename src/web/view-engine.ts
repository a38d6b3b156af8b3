import { templateFiles, type TemplateFilesOptions } from './template-files.js';

type Callback = (error: Error | null, html?: string) => void;

export type ViewEngineOptions = Pick<TemplateFilesOptions, 'exists' | 'read'>;

/**
 * EJS for Express, with each template compiled once and each `include` found once (templateFiles).
 * Templates are compiled to read their locals as variables, not through `with` (compileTemplate).
 */
export function ejsViewEngine(options: ViewEngineOptions = {}) {
  const files = templateFiles(options);
  /** Express's engine signature; `cache` is Express's `view cache` setting, passed in the options. */
  return (file: string, locals: object, callback: Callback) => {
    let html: string;
    try {
      html = files.render(
        file,
        locals as Record<string, unknown>,
        (locals as { cache?: unknown }).cache === true,
      );
    } catch (error) {
      callback(error as Error);
      return;
    }
    callback(null, html);
  };
}
