/** A message the views translate: its key, and the values it names. */
export interface FieldMessage {
  key: string;
  vars?: Record<string, unknown>;
}

/**
 * What a form's error summary lists (views/partials/form-error-summary.ejs): every field's
 * messages in the order the form shows its fields, each linking to its field (`#field-<name>`);
 * a message about the form as a whole (`form`: a rate limit, a tampered field) has no link.
 */
export function errorSummary<M extends FieldMessage>(
  errors: Partial<Record<string, readonly M[]>>,
  order: readonly string[],
): (M & { href: string | null })[] {
  return order.flatMap((field) =>
    (errors[field] ?? []).map((message) => ({
      ...message,
      href: field === 'form' ? null : `#field-${field}`,
    })),
  );
}
