import { test } from 'node:test';
import { checkBytePairs } from './test-support.js';

test('every byte pair (256 × 256) at the top byte and at byte 0, for every Binary op: the table rows give the reference result', () => {
  checkBytePairs(Array.from({ length: 256 }, (_, i) => i));
});
