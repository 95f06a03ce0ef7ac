import { gunzipSync, gzipSync } from 'node:zlib';

/**
 * A gzipped POSIX (ustar) archive of in-memory files: what `tar -xzf` reads. Enough for an export of JSON files;
 * names up to 255 bytes (a prefix and a name).
 */
export function tarGz(
  files: readonly { readonly name: string; readonly content: Buffer }[],
  mtime = new Date(),
): Buffer {
  const blocks: Buffer[] = [];
  for (const f of files) {
    blocks.push(
      header(f.name, f.content.length, mtime),
      f.content,
      Buffer.alloc((512 - (f.content.length % 512)) % 512),
    );
  }
  blocks.push(Buffer.alloc(1024)); // two empty blocks end the archive
  return gzipSync(Buffer.concat(blocks));
}

function header(path: string, size: number, mtime: Date): Buffer {
  const h = Buffer.alloc(512);
  const [prefix, name] =
    Buffer.byteLength(path) <= 100
      ? ['', path]
      : [path.slice(0, path.lastIndexOf('/')), path.slice(path.lastIndexOf('/') + 1)];
  if (Buffer.byteLength(name) > 100 || Buffer.byteLength(prefix) > 155)
    throw new Error(`name too long for a tar archive: ${path}`);
  const octal = (n: number, width: number) => n.toString(8).padStart(width - 1, '0') + '\0';
  h.write(name, 0, 100, 'utf8');
  h.write(octal(0o644, 8), 100, 8, 'ascii');
  h.write(octal(0, 8), 108, 8, 'ascii');
  h.write(octal(0, 8), 116, 8, 'ascii');
  h.write(octal(size, 12), 124, 12, 'ascii');
  h.write(octal(Math.floor(mtime.getTime() / 1000), 12), 136, 12, 'ascii');
  h.write('        ', 148, 8, 'ascii'); // the checksum counts itself as spaces
  h.write('0', 156, 1, 'ascii');
  h.write('ustar\0', 257, 6, 'ascii');
  h.write('00', 263, 2, 'ascii');
  h.write(prefix, 345, 155, 'utf8');
  let sum = 0;
  for (const byte of h) sum += byte;
  h.write(octal(sum, 7) + ' ', 148, 8, 'ascii');
  return h;
}

/** The files of a gzipped ustar archive (regular files only), as tarGz writes them and `tar -czf` does. */
export function untarGz(archive: Buffer): { name: string; content: Buffer }[] {
  const tar = gunzipSync(archive);
  const files: { name: string; content: Buffer }[] = [];
  for (let at = 0; at + 512 <= tar.length;) {
    const h = tar.subarray(at, at + 512);
    if (h.every((b) => b === 0)) break; // the end-of-archive blocks
    const field = (start: number, length: number) =>
      h
        .subarray(start, start + length)
        .toString('utf8')
        .replace(/\0.*$/s, '');
    const size = parseInt(field(124, 12).trim() || '0', 8);
    const prefix = field(345, 155);
    const name = prefix ? `${prefix}/${field(0, 100)}` : field(0, 100);
    const type = field(156, 1);
    if (!Number.isFinite(size) || size < 0 || at + 512 + size > tar.length)
      throw new Error(`a damaged tar entry at byte ${at}`);
    // Only plain files, each once: a pax header, a long name or a link could make `tar -x` write another file than
    // the one checked here.
    if (type !== '0' && type !== '')
      throw new Error(`${name}: a tar entry of type ${JSON.stringify(type)}, not a plain file`);
    if (files.some((f) => f.name === name)) throw new Error(`${name}: in the archive twice`);
    files.push({ name, content: Buffer.from(tar.subarray(at + 512, at + 512 + size)) });
    at += 512 + Math.ceil(size / 512) * 512;
  }
  return files;
}
