import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { JsonFileError, readJsonFile } from './json-file.js';

const Replies = z.object({ replies: z.array(z.object({ id: z.string(), text: z.string().min(1) })) });

describe('readJsonFile', () => {
  let dir: string;
  const write = (text: string) => {
    const file = path.join(dir, 'replies.json');
    writeFileSync(file, text);
    return file;
  };
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'json-file-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads a file that matches its schema', () => {
    expect(readJsonFile(write('{"replies":[{"id":"hi","text":"Hello"}]}'), Replies)).toEqual({ replies: [{ id: 'hi', text: 'Hello' }] });
  });

  it('names the file when it is not JSON', () => {
    const file = write('{"replies": [');
    expect(() => readJsonFile(file, Replies)).toThrow(JsonFileError);
    expect(() => readJsonFile(file, Replies)).toThrow(`${file} is not valid JSON: `);
  });

  it('names the file and the path to the bad entry', () => {
    const file = write('{"replies":[{"id":"hi","text":"Hello"},{"id":"bye","text":""}]}');
    expect(() => readJsonFile(file, Replies)).toThrow(new RegExp(`^${file.replace(/[\\/.]/g, '\\$&')}: replies\\.1\\.text: `));
  });
});
