/**
 * `npm run room`: starts a room server for a workshop (server/roomServer.ts) and prints the
 * addresses attendees can reach it at.
 *
 *   npm run room -- [--port 4444] [--host 0.0.0.0] [--data .room-data] [--redis host:port]
 *
 * The secret that signs tokens comes from ROOM_SECRET, else is made once and kept in the data
 * directory, so a restarted server still knows everyone. Servers that share rooms share it.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createRoomServer } from './roomServer';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '4444' },
    host: { type: 'string', default: '0.0.0.0' },
    data: { type: 'string', default: '.room-data' },
    redis: { type: 'string' },
  },
});
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be a port number, not "${values.port}".`);
  process.exit(2);
}
const dataDir = resolve(values.data);
mkdirSync(dataDir, { recursive: true });

function secret(): string {
  if (process.env.ROOM_SECRET) return process.env.ROOM_SECRET;
  const file = join(dataDir, 'secret');
  if (!existsSync(file))
    writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
}

function redis(): { host: string; port: number } | undefined {
  if (!values.redis) return undefined;
  const m = /^(?:redis:\/\/)?([^:/]+):(\d+)\/?$/.exec(values.redis);
  if (!m) {
    console.error(`--redis must be host:port (e.g. 127.0.0.1:6379), not "${values.redis}".`);
    process.exit(2);
  }
  return { host: m[1]!, port: Number(m[2]) };
}

const shared = redis();
const room = createRoomServer({
  port,
  address: values.host,
  dataDir,
  secret: secret(),
  ...(shared ? { redis: shared } : {}),
});
const listening = await room.listen();
const addresses = Object.values(networkInterfaces())
  .flat()
  .filter((a) => a && a.family === 'IPv4')
  .map((a) => a!.address);
console.log(
  `Room server listening on port ${listening}, documents in ${dataDir}${shared ? `, rooms shared through Redis at ${shared.host}:${shared.port}` : ''}.`,
);
console.log('Attendees use one of:');
for (const a of values.host === '0.0.0.0' ? addresses : [values.host])
  console.log(`  http://${a}:${listening}`);
const stop = async () => {
  await room.destroy();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
