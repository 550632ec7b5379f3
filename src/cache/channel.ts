/**
 * The host's end of a stream helper build (dance.ts): a one-shot TCP server on 127.0.0.1 that sends one
 * archive to, or receives one archive from, the first connection that says the token. The token (random,
 * given to the build through the environment) keeps any other local process from reading the content or,
 * worse, handing in an archive that would be saved as the cache.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import net from 'node:net';
import { pipeline } from 'node:stream/promises';
import { STREAM_ARGS, STREAM_HELLO } from './dance.js';

const MAX_TOKEN_LINE = 128;
/** How long a connection may take to say its token. */
const TOKEN_WAIT_MS = 30_000;

export class ArchiveChannel {
  readonly token = randomBytes(24).toString('hex');
  private claimed = false;
  private transfer?: Promise<void>;

  private constructor(
    private readonly server: net.Server,
    /** What goes in or out: a file to send (maybe still on its way), or the file to write. */
    private readonly what: { send: string | Promise<string | undefined> } | { receive: string },
  ) {
    server.on('connection', (sock) => this.greet(sock));
  }

  /**
   * A channel on a free loopback port that serves `file`. The file may still be on its way (a download):
   * the connection waits for it, and gets an empty archive when it resolves to nothing.
   */
  static sending(file: string | Promise<string | undefined>): Promise<ArchiveChannel> {
    return ArchiveChannel.open({ send: file });
  }

  /** A channel on a free loopback port that writes what comes to `file`. */
  static receiving(file: string): Promise<ArchiveChannel> {
    return ArchiveChannel.open({ receive: file });
  }

  private static async open(what: ArchiveChannel['what']): Promise<ArchiveChannel> {
    const server = net.createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    return new ArchiveChannel(server, what);
  }

  get port(): number {
    return (this.server.address() as net.AddressInfo).port;
  }

  /** The build's environment: the values of the build args the stream's RUN reads. */
  env(): Record<string, string> {
    return { [STREAM_ARGS.port]: String(this.port), [STREAM_ARGS.token]: this.token };
  }

  /** Whether a transfer took place, once it is over (false when nobody said the token). Rejects when it broke. */
  async finished(): Promise<boolean> {
    if (!this.transfer) return false;
    await this.transfer;
    return true;
  }

  close(): void {
    this.server.close();
  }

  private greet(sock: net.Socket): void {
    let got = Buffer.alloc(0);
    const timer = setTimeout(() => sock.destroy(), TOKEN_WAIT_MS);
    const onData = (chunk: Buffer) => {
      got = Buffer.concat([got, chunk]);
      const nl = got.indexOf(0x0a);
      if (nl < 0 && got.length <= MAX_TOKEN_LINE) return;
      clearTimeout(timer);
      sock.off('data', onData);
      sock.pause();
      const said = nl < 0 ? Buffer.alloc(0) : got.subarray(0, nl);
      const want = Buffer.from(this.token);
      if (this.claimed || said.length !== want.length || !timingSafeEqual(said, want)) {
        sock.destroy();
        return;
      }
      this.claimed = true;
      if (nl + 1 < got.length) sock.unshift(got.subarray(nl + 1));
      this.transfer = this.move(sock);
      // A broken transfer is reported by finished(); not an unhandled rejection meanwhile.
      this.transfer.catch(() => undefined);
    };
    sock.on('data', onData);
    sock.on('error', () => clearTimeout(timer));
  }

  private async move(sock: net.Socket): Promise<void> {
    sock.write(`${STREAM_HELLO}\n`);
    if ('receive' in this.what) return pipeline(sock, createWriteStream(this.what.receive));
    const file = await this.what.send;
    if (file) await pipeline(createReadStream(file, { highWaterMark: 1 << 20 }), sock);
    // Nothing to send: a tar of nothing (its two end-of-archive blocks).
    else await new Promise<void>((resolve) => sock.end(Buffer.alloc(1024), resolve));
  }
}
