// Validates an OpenAPI document (JSON on stdin) against the OpenAPI specification's own schema
// with @seriousme/openapi-schema-validator (ESM-only, so a child process of the jest test), which
// also resolves every $ref. Prints the result as JSON: {valid, errors?}.
import { Validator } from '@seriousme/openapi-schema-validator';

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const result = await new Validator().validate(JSON.parse(Buffer.concat(chunks).toString('utf8')));
process.stdout.write(JSON.stringify(result));
