/**
 * A JSON record line (envelopes/json-record.ts: journalctl -o json, CloudWatch's events, Fluent Bit,
 * Vector, Google Cloud Logging) found in its bytes, for readers that keep no wall time: the text
 * field is then read by the byte scanners where it stands, with no string, JSON.parse or Snapshot per
 * line. The record is checked against JSON's grammar as it is walked, so a line JSON.parse refuses is
 * never taken. Only what the envelope reader would read the same way is taken: a text field and
 * stream names that are ASCII without an escape (the text may end in the `\n` escape a shipper keeps);
 * a record that names its pod as `pod.name`, carries Loki's `labels`, or holds a field of interest
 * that is no string, and docker's json-file records (`{"log":` first, docker-json.ts), are left to
 * the envelope readers.
 */

import { ascii, LastAsciiText } from './byte-cursor.js';
import { schedHeadAt } from './byte-summary.js';

/** Where the text jsonRecordPayload found ends (its closing quote, or the `\n` escape before it). */
export let recordTextEnd = 0;
/** The stream the record jsonRecordPayload read names (json-record.ts recordStream). */
export let recordKey = '';

/** Nesting deeper than this is left to JSON.parse (no record of a log shipper comes near it). */
const MAX_DEPTH = 32;

/** A string value's bytes and whether it holds an escape or a byte outside ASCII. */
interface Str {
  from: number;
  to: number;
  plain: boolean;
  /** The string ends with the `\n` escape, and holds no other escape nor byte outside ASCII. */
  lineEnd: boolean;
}

/**
 * A field the record resolution reads: unset, a string, or some other value (which json-record.ts
 * would pass over as no string, or read otherwise: then the line is left to it).
 */
const UNSET = 0;
const STRING = 1;
const OTHER = 2;

class Slot {
  kind = UNSET;
  from = 0;
  to = 0;
  plain = false;
  lineEnd = false;
  reset(): void {
    this.kind = UNSET;
  }
  setString(s: Str): void {
    this.kind = STRING;
    this.from = s.from;
    this.to = s.to;
    this.plain = s.plain;
    this.lineEnd = s.lineEnd;
  }
}

/** json-record.ts's TEXT_FIELDS, in its order of preference. */
const TEXT_KEYS = ['MESSAGE', 'message', 'msg', 'textPayload', 'log', 'line'].map(ascii);
/** recordStream's top-level names, in its order of preference. */
const NAME_KEYS = ['_SYSTEMD_UNIT', 'SYSLOG_IDENTIFIER', 'container_name', 'logStreamName'].map(ascii);
const KUBERNETES = ascii('kubernetes');
const RESOURCE = ascii('resource');
const LABELS = ascii('labels');
const JSON_PAYLOAD = ascii('jsonPayload');
const POD_NAME = ascii('pod_name');
const CONTAINER_NAME = ascii('container_name');
const POD = ascii('pod');
const CONTAINER = ascii('container');
const MESSAGE = ascii('message');

const textSlots = TEXT_KEYS.map(() => new Slot());
const nameSlots = NAME_KEYS.map(() => new Slot());
/** kubernetes.pod_name / container_name, resource.labels.pod_name / container_name, jsonPayload.message. */
const k8sPod = new Slot();
const k8sContainer = new Slot();
const gcpPod = new Slot();
const gcpContainer = new Slot();
const payloadMessage = new Slot();
/** The kinds of the top-level `kubernetes`, `resource`, `labels` and `jsonPayload` values (UNSET, OBJECT or OTHER). */
let kubernetes = UNSET;
let resource = UNSET;
let gcpLabels = UNSET;
let labels = UNSET;
let jsonPayload = UNSET;
const OBJECT = 3;
/** A value the resolution cannot follow as json-record.ts does (`pod.name`, a name that is no string). */
let leave = false;

/** The bytes being walked, and where the line ends. */
let buf: Uint8Array = new Uint8Array(0);
let lineLimit = 0;
let pos = 0;
const str: Str = { from: 0, to: 0, plain: true, lineEnd: false };

const isDigit = (c: number | undefined): boolean => c !== undefined && c >= 48 && c <= 57;
const isHex = (c: number): boolean => isDigit(c) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);

function skipBlanks(): void {
  for (;;) {
    const c = buf[pos];
    if (pos < lineLimit && (c === 32 || c === 9 || c === 13)) pos++;
    else return;
  }
}

/** Bytes a string's plain run stops at: controls, `"`, `\\` and bytes outside ASCII (and DEL). */
const STOPS = new Uint8Array(256);
for (let c = 0; c < 256; c++) STOPS[c] = c < 32 || c === 34 || c === 92 || c > 126 ? 1 : 0;

/** A string at pos (its quote), into `str`; false when JSON.parse would refuse it. */
function readString(): boolean {
  pos++;
  const from = pos;
  const b = buf;
  const limit = lineLimit;
  let plain = true;
  let escapes = 0;
  let lastEscapeAt = -1;
  for (;;) {
    let i = pos;
    while (i < limit && STOPS[b[i]!] === 0) i++;
    pos = i;
    if (i >= limit) return false;
    const c = b[i]!;
    if (c === 34) break;
    if (c < 32) return false;
    if (c !== 92) {
      // Outside ASCII (or DEL): valid JSON, but no name or text of ours.
      plain = false;
      pos++;
      continue;
    }
    const e = b[i + 1]!;
    if (i + 1 >= limit) return false;
    if (e === 117) {
      for (let k = 2; k < 6; k++) if (i + k >= limit || !isHex(b[i + k]!)) return false;
      lastEscapeAt = -2;
      pos += 6;
    } else if (e === 34 || e === 92 || e === 47 || e === 98 || e === 102 || e === 110 || e === 114 || e === 116) {
      lastEscapeAt = e === 110 ? i : -2;
      pos += 2;
    } else return false;
    escapes++;
  }
  str.from = from;
  str.to = pos;
  str.lineEnd = plain && escapes === 1 && lastEscapeAt === pos - 2;
  str.plain = plain && escapes === 0;
  pos++;
  return true;
}

/** A number at pos, as JSON's grammar has it: -?(0|[1-9]d*)(.d+)?([eE][+-]?d+)?. */
function readNumber(): boolean {
  if (buf[pos] === 45) pos++;
  if (buf[pos] === 48) pos++;
  else if (isDigit(buf[pos]) && pos < lineLimit) while (pos < lineLimit && isDigit(buf[pos])) pos++;
  else return false;
  if (pos < lineLimit && buf[pos] === 46) {
    pos++;
    if (pos >= lineLimit || !isDigit(buf[pos])) return false;
    while (pos < lineLimit && isDigit(buf[pos])) pos++;
  }
  if (pos < lineLimit && (buf[pos] === 101 || buf[pos] === 69)) {
    pos++;
    if (pos < lineLimit && (buf[pos] === 43 || buf[pos] === 45)) pos++;
    if (pos >= lineLimit || !isDigit(buf[pos])) return false;
    while (pos < lineLimit && isDigit(buf[pos])) pos++;
  }
  return true;
}

const TRUE = ascii('true');
const FALSE = ascii('false');
const NULL = ascii('null');

function readWord(w: Uint8Array): boolean {
  if (pos + w.length > lineLimit) return false;
  for (let k = 0; k < w.length; k++) if (buf[pos + k] !== w[k]) return false;
  pos += w.length;
  return true;
}

/** Any value at pos, walked and checked, nothing kept; false when JSON.parse would refuse it. */
function skipValue(depth: number): boolean {
  const c = buf[pos];
  if (pos >= lineLimit || c === undefined) return false;
  if (c === 34) return readString();
  if (c === 123) return readObject(depth + 1, null);
  if (c === 91) return readContainer(depth + 1, null, 93);
  if (c === 116) return readWord(TRUE);
  if (c === 102) return readWord(FALSE);
  if (c === 110) return readWord(NULL);
  return readNumber();
}

/** Whether the key `str` holds is `k`, byte for byte (a key with an escape is none of ours). */
function keyIs(k: Uint8Array): boolean {
  if (!str.plain || str.to - str.from !== k.length) return false;
  for (let i = 0; i < k.length; i++) if (buf[str.from + i] !== k[i]) return false;
  return true;
}

/** What an object at pos is to the resolution: its fields are read into slots when it has any of ours. */
type ObjectRole = null | 'top' | 'pod-holder' | 'resource' | 'payload';

/** The slots a pod-holding object (kubernetes, resource.labels) fills. */
let podSlot: Slot = k8sPod;
let containerSlot: Slot = k8sContainer;

/**
 * An object (`close` the closing brace) or an array (its bracket) at pos, walked and checked; an
 * object's fields of ours read as `role` has them. False when JSON.parse would refuse it.
 */
function readContainer(depth: number, role: ObjectRole, close: number): boolean {
  if (depth > MAX_DEPTH) return false;
  pos++;
  skipBlanks();
  if (buf[pos] === close && pos < lineLimit) {
    pos++;
    return true;
  }
  for (;;) {
    skipBlanks();
    if (!(close === 125 ? readMember(depth, role) : skipValue(depth))) return false;
    skipBlanks();
    if (pos >= lineLimit) return false;
    const c = buf[pos];
    pos++;
    if (c === close) return true;
    if (c !== 44) return false;
  }
}

const readObject = (depth: number, role: ObjectRole): boolean => readContainer(depth, role, 125);

/** An object's `"key": value` at pos. */
function readMember(depth: number, role: ObjectRole): boolean {
  if (buf[pos] !== 34 || pos >= lineLimit || !readString()) return false;
  // A key with an escape may spell one of ours (`"mess\u0061ge"`): JSON.parse reads it so.
  if (role !== null && !str.plain) leave = true;
  skipBlanks();
  if (buf[pos] !== 58 || pos >= lineLimit) return false;
  pos++;
  skipBlanks();
  return role === null ? skipValue(depth) : readField(depth, role);
}

/** A string value at pos into `slot`, or the slot marked OTHER for any other value. */
function readInto(slot: Slot, depth: number): boolean {
  if (buf[pos] === 34) {
    if (!readString()) return false;
    slot.setString(str);
    return true;
  }
  slot.kind = OTHER;
  return skipValue(depth);
}

/**
 * A value at pos that may name a pod (kubernetes, resource.labels), its names read into `pod` and
 * `container`: OBJECT or OTHER, or -1 when JSON.parse would refuse it.
 */
function readPodHolder(pod: Slot, container: Slot, depth: number): number {
  pod.reset();
  container.reset();
  podSlot = pod;
  containerSlot = container;
  if (buf[pos] !== 123) return skipValue(depth) ? OTHER : -1;
  return readObject(depth + 1, 'pod-holder') ? OBJECT : -1;
}

/** The value of the field whose key `str` holds, in an object of `role`. */
/** The top-level keys of ours, by id: the text fields, the name fields, then the objects. */
const TOP_KEYS = [...TEXT_KEYS, ...NAME_KEYS, KUBERNETES, RESOURCE, JSON_PAYLOAD, LABELS];
const ID_KUBERNETES = TEXT_KEYS.length + NAME_KEYS.length;
const ID_RESOURCE = ID_KUBERNETES + 1;
const ID_JSON_PAYLOAD = ID_KUBERNETES + 2;
/** The ids of the top-level keys of each length: a key of another length is none of ours. */
const TOP_BY_LENGTH: number[][] = [];
for (const [id, k] of TOP_KEYS.entries()) (TOP_BY_LENGTH[k.length] ??= []).push(id);

/** The id of the top-level key `str` holds, or -1. */
function topKeyId(): number {
  const ids = TOP_BY_LENGTH[str.to - str.from];
  if (ids === undefined) return -1;
  for (const id of ids) if (keyIs(TOP_KEYS[id]!)) return id;
  return -1;
}

function readField(depth: number, role: Exclude<ObjectRole, null>): boolean {
  if (role === 'top') {
    const id = topKeyId();
    if (id < 0) return skipValue(depth);
    if (id < TEXT_KEYS.length) return readInto(textSlots[id]!, depth);
    if (id < ID_KUBERNETES) return readInto(nameSlots[id - TEXT_KEYS.length]!, depth);
    if (id === ID_KUBERNETES) {
      kubernetes = readPodHolder(k8sPod, k8sContainer, depth);
      return kubernetes >= 0;
    }
    if (id === ID_RESOURCE) {
      gcpPod.reset();
      gcpContainer.reset();
      gcpLabels = UNSET;
      resource = buf[pos] === 123 ? OBJECT : OTHER;
      return resource === OBJECT ? readObject(depth + 1, 'resource') : skipValue(depth);
    }
    if (id === ID_JSON_PAYLOAD) {
      payloadMessage.reset();
      jsonPayload = buf[pos] === 123 ? OBJECT : OTHER;
      return jsonPayload === OBJECT ? readObject(depth + 1, 'payload') : skipValue(depth);
    }
    // `labels`, Loki's: json-record.ts takes any object (an array too) as a label set.
    labels = buf[pos] === 123 || buf[pos] === 91 ? OBJECT : OTHER;
    return skipValue(depth);
  }
  if (role === 'pod-holder') {
    if (keyIs(POD_NAME)) return readInto(podSlot, depth);
    if (keyIs(CONTAINER_NAME)) return readInto(containerSlot, depth);
    // Filebeat's `pod.name`: json-record.ts reads it, and `??` picks between the two.
    if (keyIs(POD) || keyIs(CONTAINER)) leave = true;
    return skipValue(depth);
  }
  if (role === 'resource') {
    if (keyIs(LABELS)) {
      gcpLabels = readPodHolder(gcpPod, gcpContainer, depth);
      return gcpLabels >= 0;
    }
    return skipValue(depth);
  }
  if (keyIs(MESSAGE)) return readInto(payloadMessage, depth);
  return skipValue(depth);
}

/** The names made last: a log's records name a few streams over and over. */
const streamNames = new LastAsciiText();
const containerNames = new LastAsciiText();

/** A name slot's string as recordStream reads it: '' when unset or empty; null when the line is left. */
function nameOf(s: Slot, names = streamNames): string | null {
  if (s.kind === UNSET || (s.kind === STRING && s.from === s.to)) return '';
  if (s.kind === OTHER || !s.plain) return null;
  return names.of(buf, s.from, s.to);
}

/**
 * The stream recordStream names, or null when it cannot be told from these slots as it would be.
 * podOf: `pod/NAME/CONTAINER`, or `pod/NAME`; no pod (or an empty one) names none.
 */
function podName(pod: Slot, container: Slot): string | null {
  if (pod.kind === OTHER || container.kind === OTHER) return null;
  const p = nameOf(pod);
  if (p === null || p === '') return p;
  const c = nameOf(container, containerNames);
  if (c === null) return null;
  if (p !== podMadeFrom[0] || c !== podMadeFrom[1]) {
    podMadeFrom = [p, c];
    podMade = c === '' ? `pod/${p}` : `pod/${p}/${c}`;
  }
  return podMade;
}

/** The pod name made last and the names it was made from. */
let podMadeFrom = ['', ''];
let podMade = '';

function resolveStream(): string | null {
  for (const s of nameSlots) {
    if (s.kind === STRING && s.from < s.to) return s.plain ? streamNames.of(buf, s.from, s.to) : null;
  }
  if (kubernetes === OBJECT) {
    const k = podName(k8sPod, k8sContainer);
    if (k !== '') return k;
  }
  if (resource === OBJECT && gcpLabels === OBJECT) {
    const g = podName(gcpPod, gcpContainer);
    if (g !== '') return g;
  }
  return '';
}

const LOG_KEY = ascii('{"log":');
/**
 * Whether a string in b[s, end) may start as the runtime's lines do (`"SCHED `, `"gc `, `"  `): an
 * application's own records, most lines of a busy service's log, are turned away before the walk.
 */
function quotesRuntimeText(b: Uint8Array, s: number, end: number): boolean {
  // The last search may run past the line to the next quote, but never past the next record's
  // first: over a block, these overruns cover each byte once at most.
  for (let q = b.indexOf(34, s); q >= 0 && q < end; q = b.indexOf(34, q + 1)) {
    const c = b[q + 1];
    if (c === 32 ? b[q + 2] === 32 : c === 103 ? b[q + 2] === 99 && b[q + 3] === 32 : c === 83) {
      if (c !== 83 || schedHeadAt(b, q + 1)) return true;
    }
  }
  return false;
}

/**
 * A JSON record at b[s] (the line, or the block holding it, ends at `n`): where its text starts, or
 * -1, having set recordTextEnd and recordKey. The text must start the runtime's way (`SCHED `, `gc `
 * or two blanks) for the walk to be worth it; the byte scanners say whether it is the runtime's.
 */
export function jsonRecordPayload(b: Uint8Array, s: number, n: number): number {
  if (b[s] !== 123) return -1;
  let i = 0;
  while (i < LOG_KEY.length && b[s + i] === LOG_KEY[i]) i++;
  if (i === LOG_KEY.length) return -1;
  const nl = b.indexOf(10, s);
  let end = nl < 0 || nl > n ? n : nl;
  // unwrap takes a record only when its line (line end stripped) ends with the closing brace.
  while (end > s && (b[end - 1] === 13 || b[end - 1] === 10)) end--;
  if (b[end - 1] !== 125 || !quotesRuntimeText(b, s, end)) return -1;
  buf = b;
  lineLimit = end;
  pos = s;
  for (const t of textSlots) t.reset();
  for (const t of nameSlots) t.reset();
  kubernetes = resource = gcpLabels = labels = jsonPayload = UNSET;
  k8sPod.reset();
  k8sContainer.reset();
  payloadMessage.reset();
  leave = false;
  const whole = readObject(1, 'top') && pos === end;
  buf = EMPTY;
  if (!whole || leave) return -1;
  let text: Slot | null = null;
  for (const t of textSlots) {
    if (t.kind === STRING) {
      text = t;
      break;
    }
  }
  if (text === null && jsonPayload === OBJECT && payloadMessage.kind === STRING) text = payloadMessage;
  if (text === null || (!text.plain && !text.lineEnd)) return -1;
  // logcli's jsonl: a Loki entry's line with its labels, whose stream and text json-record.ts builds.
  if (labels === OBJECT && textSlots[5]!.kind === STRING) return -1;
  const t0 = b[text.from];
  const runtimeStart =
    (t0 === 83 && b[text.from + 1] === 67) ||
    (t0 === 103 && b[text.from + 1] === 99) ||
    (t0 === 32 && b[text.from + 1] === 32);
  if (!runtimeStart) return -1;
  buf = b;
  const key = resolveStream();
  buf = EMPTY;
  if (key === null) return -1;
  recordKey = key;
  recordTextEnd = text.lineEnd ? text.to - 2 : text.to;
  return text.from;
}

const EMPTY = new Uint8Array(0);
