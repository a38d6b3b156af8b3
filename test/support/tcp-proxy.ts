import net from 'node:net';

/**
 * A TCP proxy in front of a server (PostgreSQL in the fault tests), so a test can make the server
 * "restart" for the process behind it without touching the real one: `cut()` destroys every
 * proxied connection and refuses new ones (nothing listens on the port), `restore()` listens again
 * on the same port.
 */
export interface TcpProxy {
  readonly port: number;
  /** Connections made through the proxy since it started. */
  readonly accepted: number;
  /** Connections open through the proxy now. */
  readonly open: number;
  /** Refuses new connections (nothing listens); open ones go on. */
  refuse(): Promise<void>;
  /** Resets every open connection, as a server that dies under its clients does. */
  dropAll(): void;
  /** refuse() and dropAll(): the server is gone. */
  cut(): Promise<void>;
  /** Listens again on the same port. */
  restore(): Promise<void>;
  close(): Promise<void>;
}

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const sockets = new Set<net.Socket>();
  let server: net.Server | undefined;
  let port = 0;
  let accepted = 0;

  const onConnection = (client: net.Socket) => {
    accepted += 1;
    const upstream = net.connect(target.port, target.host);
    sockets.add(client);
    sockets.add(upstream);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
    client.pipe(upstream);
    upstream.pipe(client);
  };

  const listen = () =>
    new Promise<void>((resolve, reject) => {
      const instance = net.createServer(onConnection);
      instance.once('error', reject);
      instance.listen(port, '127.0.0.1', () => {
        const address = instance.address();
        port = typeof address === 'object' && address ? address.port : port;
        server = instance;
        resolve();
      });
    });

  // The port stops listening at once; close()'s callback would wait for the open connections.
  const stopListening = () => {
    server?.close();
    server = undefined;
    return Promise.resolve();
  };

  const dropAll = () => {
    for (const socket of sockets) socket.resetAndDestroy();
    sockets.clear();
  };

  const cut = async () => {
    const closing = stopListening();
    dropAll();
    await closing;
  };

  await listen();
  return {
    get port() {
      return port;
    },
    get accepted() {
      return accepted;
    },
    get open() {
      return sockets.size / 2;
    },
    refuse: stopListening,
    dropAll,
    cut,
    restore: listen,
    close: cut,
  };
}
