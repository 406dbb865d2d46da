// The page's files, served from the package itself (no network): the HTML shell, our scripts and
// styles in src/ui/assets, and Preact + htm from their installed packages.
import { readdirSync, readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** A file ready to send. */
export interface Asset {
  contentType: string;
  body: Buffer;
}

const ASSET_FOLDER = fileURLToPath(new URL('./assets/', import.meta.url));
const require = createRequire(import.meta.url);

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.html': 'text/html; charset=utf-8',
};

/** The import map lets our modules say `from 'preact'` as they would in any Preact code. */
const IMPORT_MAP = JSON.stringify({
  imports: { preact: '/ui/vendor/preact.mjs', 'preact/hooks': '/ui/vendor/hooks.mjs', htm: '/ui/vendor/htm.mjs' },
});

/** CSP allows our own files and the one inline import map, by hash. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  `script-src 'self' 'sha256-${createHash('sha256').update(IMPORT_MAP).digest('base64')}'`,
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

function vendorFile(specifier: string, file: string): string {
  return join(dirname(require.resolve(specifier)), file);
}

/** Loads every asset once; the HTML shell is rendered per server (it carries the action token). */
export function loadAssets(): Map<string, Asset> {
  const assets = new Map<string, Asset>();
  for (const name of readdirSync(ASSET_FOLDER)) {
    const type = CONTENT_TYPES[extname(name)];
    if (type && name !== 'index.html')
      assets.set(`/ui/assets/${name}`, { contentType: type, body: readFileSync(join(ASSET_FOLDER, name)) });
  }
  const vendor: [string, string][] = [
    ['/ui/vendor/preact.mjs', vendorFile('preact', 'preact.mjs')],
    ['/ui/vendor/hooks.mjs', vendorFile('preact/hooks', 'hooks.mjs')],
    ['/ui/vendor/htm.mjs', vendorFile('htm', 'htm.mjs')],
  ];
  for (const [path, file] of vendor)
    assets.set(path, { contentType: CONTENT_TYPES['.mjs']!, body: readFileSync(file) });
  return assets;
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

/** The HTML shell with the action token in a meta tag (read by the page, never by other sites: no CORS). */
export function renderShell(token: string): Asset {
  const template = readFileSync(join(ASSET_FOLDER, 'index.html'), 'utf8');
  const html = template
    .replace('<!--IMPORT_MAP-->', `<script type="importmap">${IMPORT_MAP}</script>`)
    .replace('__TOKEN__', escapeAttribute(token));
  return { contentType: CONTENT_TYPES['.html']!, body: Buffer.from(html) };
}
