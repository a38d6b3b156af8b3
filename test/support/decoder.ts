import { MAX_WAITING_DECODES, photoDecodes } from '../../src/uploads/photo-processor.js';

/** Takes the decoder's one slot and every place in its waiting line until `release` is called. */
export function fillDecoder(): { release: () => Promise<void> } {
  let open!: () => void;
  const held = new Promise<void>((resolve) => (open = resolve));
  const tasks = Array.from({ length: 1 + MAX_WAITING_DECODES }, () => photoDecodes.run(() => held));
  return {
    release: async () => {
      open();
      await Promise.all(tasks);
    },
  };
}
