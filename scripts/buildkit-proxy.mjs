#!/usr/bin/env node
// buildkit-proxy.mjs LISTEN_SOCK DOCKER_SOCK: serves dockerd's embedded BuildKit as a plain BuildKit
// socket, for `docker buildx create --driver remote unix://LISTEN_SOCK`. dockerd offers BuildKit's gRPC API
// at `POST /grpc` after an HTTP/1.1 upgrade to h2c; each connection sends that upgrade, waits for the
// 101 answer, then pipes bytes both ways. Loopback and unix sockets only.
import { rmSync } from 'node:fs';
import net from 'node:net';

const [listen, dockerSock] = process.argv.slice(2);
if (!listen || !dockerSock) {
  console.error('usage: buildkit-proxy.mjs LISTEN_SOCK DOCKER_SOCK');
  process.exit(2);
}
rmSync(listen, { force: true });
const upgrade =
  'POST /grpc HTTP/1.1\r\nHost: docker\r\nConnection: Upgrade\r\nUpgrade: h2c\r\nContent-Length: 0\r\n\r\n';

net
  .createServer((client) => {
    client.pause();
    const engine = net.connect(dockerSock, () => engine.write(upgrade));
    let head = Buffer.alloc(0);
    const onHead = (chunk) => {
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) return;
      engine.off('data', onHead);
      if (!/^HTTP\/1\.1 101/.test(head.toString('latin1'))) {
        console.error(`dockerd refused the upgrade: ${head.toString('latin1').split('\r\n')[0]}`);
        client.destroy();
        engine.destroy();
        return;
      }
      const rest = head.subarray(end + 4);
      if (rest.length) client.write(rest);
      engine.pipe(client);
      client.pipe(engine);
      client.resume();
    };
    engine.on('data', onHead);
    const close = () => {
      client.destroy();
      engine.destroy();
    };
    engine.on('error', close);
    client.on('error', close);
    engine.on('close', close);
    client.on('close', close);
  })
  .listen(listen, () => console.log(`buildkit proxy: ${listen} -> ${dockerSock} /grpc`));
