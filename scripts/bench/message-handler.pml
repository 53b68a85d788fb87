/*
 * Promela port of the workshop's final "diet" MessageHandler model (exercise 18, solution):
 * one handler, a global failure counter, Process merged into Receive, the DB write guarded and
 * the send using the txId of the DB change.
 *
 * Parameters (pass with spin -DN=4 -DF=4 -a message-handler.pml): N messages (1..8), F = MaxFailures.
 *
 * One Promela state per model state: every model step is one d_step of a single do-loop, the
 * handler's label is the global `pc` (not the Promela program counter, which stays at the loop
 * head), and the locals msg/txId are globals too, so the state vector is exactly the model's
 * variables. Sets over ids are bitmasks (bit id-1). In the solution, db and queueOut hold at most
 * one txId per id, so db[id] / out[id] (0 = none) map one-to-one onto the sets.
 * The loop head carries an `end` label: waiting in Receive with an empty queue is quiescence.
 * Every step ends by asserting NoGhostMessages and NoLostMessages (NoDuplicatedProcessings and
 * ConsistentOutput hold by construction of this encoding). The asserts also read `out`: SPIN
 * silently drops variables that are written but never read, which would merge states.
 * Check with: gcc -O2 -DSAFETY -o pan pan.c && ./pan   (never -DHC4: it loses states)
 */
#ifndef N
#define N 2
#endif
#if N > 8
#error N must be 1..8
#endif
#ifndef F
#define F 1
#endif

#define MAINLOOP 0
#define RECEIVE 1
#define UPDATE 2
#define SEND 3
#define ACK 4

byte queueIn = (1 << N) - 1;
byte processed = 0;
byte db[N + 1];
byte out[N + 1];
byte failures = 0;
byte txCounter = 1;
byte pc = MAINLOOP;
byte msg = 0;
byte txId = 0;

/* For processed message k: a DB change exists <=> an output exists. */
#define OK(k) (k > N || !(processed & (1 << (k - 1))) || ((db[k] != 0) == (out[k] != 0)))
#define INV assert(OK(1) && OK(2) && OK(3) && OK(4) && OK(5) && OK(6) && OK(7) && OK(8))

#define PICK(k) :: d_step { pc == RECEIVE && k <= N && (queueIn & (1 << (k - 1))) -> \
    msg = k; txId = txCounter; txCounter++; pc = UPDATE; INV }

active proctype handler() {
end:
  do
  :: d_step { pc == MAINLOOP -> pc = RECEIVE; INV }
  PICK(1)
  PICK(2)
  PICK(3)
  PICK(4)
  PICK(5)
  PICK(6)
  PICK(7)
  PICK(8)
  :: d_step { pc == UPDATE && failures <= F -> failures++; pc = MAINLOOP; INV }
  :: d_step { pc == UPDATE -> if :: db[msg] == 0 -> db[msg] = txId :: else -> skip fi; pc = SEND; INV }
  :: d_step { pc == SEND && failures <= F -> failures++; pc = MAINLOOP; INV }
  :: d_step { pc == SEND -> out[msg] = db[msg]; pc = ACK; INV }
  :: d_step { pc == ACK && failures <= F -> failures++; pc = MAINLOOP; INV }
  :: d_step { pc == ACK -> queueIn = queueIn & ~(1 << (msg - 1)); processed = processed | (1 << (msg - 1)); pc = MAINLOOP; INV }
  od
}
