/** `npm run schemas` (also before every build): writes the JSON Schemas of src/content-loading/json-schemas.ts into content/schemas/. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { jsonSchemas, SCHEMA_DIR } from '../src/content-loading/json-schemas';

const root = process.cwd();
mkdirSync(join(root, SCHEMA_DIR), { recursive: true });
const schemas = jsonSchemas(root);
for (const [file, text] of Object.entries(schemas)) writeFileSync(join(root, SCHEMA_DIR, file), text);
console.log(`schemas: wrote ${Object.keys(schemas).length} JSON Schemas to ${SCHEMA_DIR}/`);
