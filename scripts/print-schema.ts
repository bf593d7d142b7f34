// Writes schema.graphql from the Pothos schema. A test fails when the committed file drifts.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { printSchemaSDL } from '../src/schema/sdl.js';

const target = fileURLToPath(new URL('../schema.graphql', import.meta.url));
writeFileSync(target, printSchemaSDL());
console.log(`wrote ${target}`);
