/** A photo that came with a form, re-encoded and stored, before any report takes it over. */
export interface PendingPhoto {
  id: string;
  storageKey: string;
  width: number;
  height: number;
  thumbWidth: number;
  thumbHeight: number;
}
