import { loadConfigOrExit } from './config.js';
import { createApp } from './app.js';
import { createLogger } from './logger.js';

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const log = createLogger(config.logLevel);
  const app = await createApp(config, log);
  const url = await app.listen();
  log.info({ url, graphiql: `${url}/graphql`, database: app.database.kind, dataDir: config.dataDir }, `chat server listening on ${url}`);
  const shutdown = (signal: string) => {
    log.info({ signal }, 'shutting down');
    app.close().then(
      () => process.exit(0),
      (err: unknown) => {
        log.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
