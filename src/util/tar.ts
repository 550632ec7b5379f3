/**
 * A one-file ustar archive (pure): enough to hand `docker import` a small file without a build.
 */
function header(name: string, size: number, mtime: number): Buffer {
  const h = Buffer.alloc(512, 0);
  const put = (text: string, offset: number, length: number) => h.write(text, offset, length, 'ascii');
  const octal = (n: number, length: number) => n.toString(8).padStart(length - 1, '0') + '\0';
  if (Buffer.byteLength(name) > 100) throw new Error(`tar: name "${name}" is longer than 100 bytes`);
  h.write(name, 0, 100, 'utf8');
  put(octal(0o644, 8), 100, 8);
  put(octal(0, 8), 108, 8);
  put(octal(0, 8), 116, 8);
  put(octal(size, 12), 124, 12);
  put(octal(mtime, 12), 136, 12);
  put('        ', 148, 8);
  put('0', 156, 1);
  put('ustar\0', 257, 6);
  put('00', 263, 2);
  let sum = 0;
  for (const b of h) sum += b;
  put(octal(sum, 7) + ' ', 148, 8);
  return h;
}

export function singleFileTar(name: string, content: Buffer, mtime = 0): Buffer {
  const pad = (512 - (content.length % 512)) % 512;
  return Buffer.concat([header(name, content.length, mtime), content, Buffer.alloc(pad), Buffer.alloc(1024)]);
}
