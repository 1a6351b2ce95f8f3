/**
 * Reading an events frame without JSON.parse: the relay writes its header first
 * (`{"type":"events","from":N,"to":M,"events":[` — src-relay/sync/event-batch.ts, and the same key
 * order for a pull's answer) and each event as `{"seq":N,"at":T,"data":…}`. Inside a JSON string
 * every `"` is escaped, so `{"seq":` can only be an event's start. Most bench desks only check
 * seqs, and this is a fraction of the cost of parsing the frame.
 */

const EVENTS_HEAD = Buffer.from('{"type":"events","from":');
/** Both presence frames: one agent's ('presence') and the sign-in's list ('presences'). */
const PRESENCE_HEAD = Buffer.from('{"type":"presence');
const TO_KEY = Buffer.from(',"to":');
const EVENT_START = Buffer.from('{"seq":');
const HAS_MORE_TRUE = Buffer.from('"hasMore":true}');

export interface EventsHeader {
  from: number;
  to: number;
  hasMore: boolean;
  /** The seq of each event in the frame, in the frame's order. */
  seqs: number[];
}

function startsWith(frame: Buffer, head: Buffer): boolean {
  return frame.length >= head.length && frame.compare(head, 0, head.length, 0, head.length) === 0;
}

export function isEventsFrame(frame: Buffer): boolean {
  return startsWith(frame, EVENTS_HEAD);
}

export function isPresenceFrame(frame: Buffer): boolean {
  return startsWith(frame, PRESENCE_HEAD);
}

/** The non-negative integer at `at`, and where it ends; end -1 if there is none. */
function readInt(frame: Buffer, at: number): { value: number; end: number } {
  let value = 0;
  let end = at;
  for (; end < frame.length; end++) {
    const digit = frame[end]! - 48;
    if (digit < 0 || digit > 9) break;
    value = value * 10 + digit;
  }
  return end === at ? { value: 0, end: -1 } : { value, end };
}

/** null when the frame is not an events frame laid out as the relay writes it (then parse it). */
export function scanEventsFrame(frame: Buffer): EventsHeader | null {
  if (!isEventsFrame(frame)) return null;
  const from = readInt(frame, EVENTS_HEAD.length);
  if (from.end < 0 || !startsWith(frame.subarray(from.end), TO_KEY)) return null;
  const to = readInt(frame, from.end + TO_KEY.length);
  if (to.end < 0) return null;
  const seqs: number[] = [];
  for (let at = frame.indexOf(EVENT_START, to.end); at >= 0; ) {
    const seq = readInt(frame, at + EVENT_START.length);
    if (seq.end < 0) return null;
    seqs.push(seq.value);
    at = frame.indexOf(EVENT_START, seq.end);
  }
  const tail = frame.subarray(frame.length - HAS_MORE_TRUE.length);
  return { from: from.value, to: to.value, hasMore: tail.equals(HAS_MORE_TRUE), seqs };
}
