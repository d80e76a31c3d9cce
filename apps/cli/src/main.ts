import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { loadDefaultProfiles } from '@news/extraction';
import { parseFeed } from '@news/feeds';
import { decodeBody } from '@news/http-fetch';
import { extractSavedPage } from './extract-command.js';
import { answerJsonLines, requireString } from './jsonl.js';

const USAGE = `usage:
  npm run cli -- extract FILE --url URL     structured article JSON for one saved page
  npm run -s cli -- extract --jsonl         {"url","path"} lines on stdin → one article JSON per line
  npm run -s cli -- parse-feed FILE [--url FEED_URL]
  npm run -s cli -- parse-feed --jsonl      {"path"[,"url"]} lines on stdin → one feed JSON per line`;

class UsageError extends Error {}

async function feedFromFile(path: string, url: string) {
  const bytes = await readFile(path);
  return parseFeed(decodeBody(bytes, null, 'xml').text, url);
}

async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      url: { type: 'string' },
      jsonl: { type: 'boolean', default: false },
      help: { type: 'boolean' },
    },
  });
  const [command, file] = positionals;
  if (values.help || !command) throw new UsageError(USAGE);

  if (command === 'extract') {
    const profiles = loadDefaultProfiles();
    if (values.jsonl) {
      return answerJsonLines((req) =>
        extractSavedPage(requireString(req, 'path'), requireString(req, 'url'), profiles),
      );
    }
    if (!file || !values.url) throw new UsageError(`extract needs FILE and --url URL\n${USAGE}`);
    const article = await extractSavedPage(file, values.url, profiles);
    process.stdout.write(`${JSON.stringify(article, null, 2)}\n`);
    return;
  }
  if (command === 'parse-feed') {
    if (values.jsonl) {
      return answerJsonLines((req) =>
        feedFromFile(requireString(req, 'path'), typeof req.url === 'string' ? req.url : 'http://localhost/'),
      );
    }
    if (!file) throw new UsageError(`parse-feed needs FILE\n${USAGE}`);
    const feed = await feedFromFile(file, values.url ?? 'http://localhost/');
    process.stdout.write(`${JSON.stringify(feed, null, 2)}\n`);
    return;
  }
  throw new UsageError(`unknown command "${command}"\n${USAGE}`);
}

try {
  await main(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = error instanceof UsageError ? 2 : 1;
}
