import type { Request, RequestHandler } from 'express';
import type { z } from 'zod';
import { actorOf, idParam, submitForm, withNotice, type Actor, type FormSpec } from './forms.js';

/** A form's schema as the forms use it: what was typed in, the checked data or the errors out. */
interface Schema<D> {
  safeParse(values: unknown): z.ZodSafeParseResult<D>;
}

/** What an admin keeps by id (a contact, a staff member): found, added and changed, each audited. */
export interface AdminRecords<N, E> {
  find(id: number): Promise<unknown>;
  add(data: N, actor: Actor): Promise<void>;
  update(id: number, data: E, actor: Actor): Promise<void>;
}

/** The forms themselves: what was typed, how it is checked, and the page that shows them again. */
export interface AddAndEditSpec<V, N, E> {
  read: (body: Record<string, unknown>) => V;
  check: {
    /** The codes a record may name (parishes, routing contacts), read when a form is sent. */
    codes(): Promise<ReadonlySet<string>>;
    /** The schema of a new record, and that of one being changed (which keeps its key). */
    added(codes: ReadonlySet<string>): Schema<N>;
    edited(codes: ReadonlySet<string>): Schema<E>;
  };
  show: FormSpec<V, N | E>['show'];
}

/**
 * The POST handlers of the "add" form and of the "edit" form at `…/:id` of an admin record: the
 * edit form answers 404 for a record that does not exist before it checks anything, and both
 * go back to `list` with their note ("added", "saved"), or show the form again with what was wrong.
 */
export function addAndEditForms<V, N, E>(
  list: string,
  records: AdminRecords<N, E>,
  form: AddAndEditSpec<V, N, E>,
): { create: RequestHandler; update: RequestHandler } {
  const { read, check, show } = form;
  const id = (req: Request) => idParam(req.params.id);
  return {
    create: submitForm({
      read,
      check: async (values) => check.added(await check.codes()).safeParse(values),
      save: async (data, req) => {
        await records.add(data, actorOf(req));
        return withNotice(list, 'added');
      },
      show,
    }),
    update: submitForm({
      read,
      check: async (values, req) => {
        await records.find(id(req));
        return check.edited(await check.codes()).safeParse(values);
      },
      save: async (data, req) => {
        await records.update(id(req), data, actorOf(req));
        return withNotice(list, 'saved');
      },
      show,
    }),
  };
}
