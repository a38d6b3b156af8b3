/** What a benchmark started and must undo (child processes, databases), last first. */
export const cleanups: (() => Promise<void>)[] = [];

export async function cleanUp(): Promise<void> {
  for (const cleanup of cleanups.splice(0).reverse())
    await cleanup().catch((error: unknown) => console.error(error));
}

process.once('SIGINT', () => {
  void cleanUp().then(() => process.exit(130));
});
