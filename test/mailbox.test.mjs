// The worker mailbox protocol (src/engine/mailbox.ts), driven from one thread: the pool's side
// (handOff, retract, awaitDone) and the worker's (parkAndServe, markDone) on a shared memory.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { handOff, retract, awaitDone, markDone, markAway, servesMailbox, parkAndServe, PARK_MS } from '../build/src/engine/mailbox.js';

const BOX = 64;
function setup(state = 'parked') {
  const memory = new WebAssembly.Memory({ initial: 1, maximum: 1, shared: true });
  if (state === 'parked') markDone(memory, BOX, 0); // doneSeq 0, PARKED: as after a first job
  else markAway(memory, BOX);
  return memory;
}
const job = (seq) => ({ plan: 1000 + seq, table: 2000 + seq, scratch: 3000 + seq, seq });

test('a job handed to a parked worker is served once, marked done, and the worker leaves after PARK_MS', () => {
  const memory = setup();
  assert.ok(handOff(memory, BOX, job(1)));
  assert.not.ok(handOff(memory, BOX, job(2)), 'a second job cannot be handed over before the first is taken');
  const served = [];
  const t0 = performance.now();
  parkAndServe(memory, BOX, (j) => {
    served.push(j);
    assert.not.ok(retract(memory, BOX), 'a running job cannot be taken back');
    markDone(memory, BOX, j.seq);
  });
  assert.equal(served, [job(1)]);
  assert.ok(awaitDone(memory, BOX, 1, 0), 'doneSeq says job 1 is finished');
  assert.ok(performance.now() - t0 >= PARK_MS * 0.9, 'it waited for a next job before leaving');
  assert.not.ok(servesMailbox(memory, BOX), 'then it is away: jobs go by message');
  assert.not.ok(handOff(memory, BOX, job(2)));
});

test('a job taken back before the worker woke is never served, and the mailbox takes the next one', () => {
  const memory = setup();
  assert.ok(handOff(memory, BOX, job(1)));
  assert.ok(retract(memory, BOX), 'taken back while still waiting');
  assert.not.ok(retract(memory, BOX), 'only once');
  assert.not.ok(awaitDone(memory, BOX, 1, 0), 'a retracted job is not marked done');
  assert.ok(handOff(memory, BOX, job(2)), 'the worker is parked again: the next job goes through the mailbox');
  const served = [];
  parkAndServe(memory, BOX, (j) => {
    served.push(j.seq);
    markDone(memory, BOX, j.seq);
  });
  assert.equal(served, [2], 'job 1 was never served, job 2 was');
});

test('a worker that is away gets no mailbox jobs, and none can be taken back', () => {
  const memory = setup('away');
  assert.not.ok(servesMailbox(memory, BOX));
  assert.not.ok(handOff(memory, BOX, job(1)));
  assert.not.ok(retract(memory, BOX));
});

test.run();
