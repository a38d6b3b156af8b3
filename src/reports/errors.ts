/** Why a change to a report was refused: no such report (to this visitor), or not in its state. */
export class ReportError extends Error {
  constructor(readonly code: 'not_found' | 'not_allowed' | 'photo_conflict') {
    super(code);
  }
}
