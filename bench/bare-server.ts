/**
 * The baseline for session checks: a bare Fastify route that returns JSON of the same size as
 * GET /session, with nothing else (no plugins, no database). Run as its own process.
 */
import Fastify from 'fastify';

const size = Number(process.env.BARE_BODY_BYTES ?? '400');
const port = Number(process.env.PORT ?? '0');
const filler = 'x'.repeat(Math.max(0, size - 20));
const app = Fastify({ logger: false });
app.get('/session', async () => ({ filler }));
await app.listen({ host: '127.0.0.1', port });
process.stdout.write(`ready ${(app.server.address() as { port: number }).port}\n`);
process.once('SIGTERM', () => void app.close().then(() => process.exit(0)));
process.once('SIGINT', () => void app.close().then(() => process.exit(0)));
