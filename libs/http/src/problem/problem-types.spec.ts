import { BadRequestException, ConflictException } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { toProblem } from './problem.filter';
import { PROBLEM_KINDS, problemBody, problemKindOf, problemTypeUri } from './problem-types';

describe('problem types', () => {
  it('makes a 400 that lists bad fields a validation problem with its kind’s title', () => {
    const problem = toProblem(
      new BadRequestException({ message: 'bad', errors: [{ field: 'name', messages: ['x'] }] }),
    );
    expect(problem).toMatchObject({
      type: '/docs/problems/validation',
      title: PROBLEM_KINDS.validation.title,
      status: 400,
      detail: 'bad',
    });
  });

  it('keeps about:blank and the status phrase for a plain HTTP error', () => {
    expect(toProblem(new BadRequestException('the content is not an image'))).toMatchObject({
      type: 'about:blank',
      title: 'Bad Request',
    });
  });

  it('carries a kind named by the exception, with its extension members', () => {
    const problem = toProblem(
      new ConflictException(problemBody('idempotency-key-in-use', 'wait', { retry: 1 })),
    );
    expect(problem).toMatchObject({
      type: '/docs/problems/idempotency-key-in-use',
      title: PROBLEM_KINDS['idempotency-key-in-use'].title,
      retry: 1,
    });
  });

  it('recognises only its own type URIs', () => {
    expect(problemKindOf('/docs/problems/license-inactive')).toBe('license-inactive');
    expect(problemKindOf('/docs/problems/nope')).toBeUndefined();
    expect(problemKindOf('about:blank')).toBeUndefined();
  });
});

describe('docs/problems.md', () => {
  it('lists every platform problem type', () => {
    const doc = readFileSync(join(__dirname, '../../../../docs/problems.md'), 'utf8');
    // A row of the table, however Prettier pads its cells.
    const listed = new Set([...doc.matchAll(/^\| `([^`]+)` +\|/gm)].map((m) => m[1]));
    const missing = Object.keys(PROBLEM_KINDS).filter(
      (k) => !listed.has(problemTypeUri(k as keyof typeof PROBLEM_KINDS)),
    );
    expect(missing).toEqual([]);
  });
});
