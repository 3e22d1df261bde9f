import { LIMITS } from '../../src/schemas/index.js';
import { redactAuthorization } from '../http/auth.js';
import type { Finding } from '../http/finding.js';
import { Journal, type JournalEntry } from '../http/journal.js';
import { newRequestId, REQUEST_ID_PATTERN, SeededRandom } from '../machine/random.js';
import type { Exchange } from './exchange.js';
import { type ProxyReport, ReportBuilder } from './report.js';
import { isMutation, matchRoute, type RouteMatch } from './routes.js';
import { Scrubber, secretsOf } from './scrub.js';
import { checkBehaviour } from './shadow/behaviour.js';
import { CLOCK_SKEW_MS } from './shadow/context.js';
import { Mirror, type Tenant } from './shadow/mirror.js';
import { Reference } from './shadow/scratch.js';
import { acceptedRequestFindings } from './shapes/request.js';
import { type ParsedBody, responseShapeFindings } from './shapes/response.js';
import { bearerKey, type Hmac, TenantKeys } from './tenant-key.js';
import { yieldToIo } from './yield.js';

/** A request in flight: what is known of it before its answer. */
export interface Ticket {
  readonly method: string;
  readonly target: string;
  readonly route: RouteMatch;
  /**
   * How many exchanges had finished when this request was sent: its floor (the latest
   * upstream instant their answers showed) is read once they are all checked.
   */
  readonly finishedBefore: number;
  readonly tenant: Promise<string | undefined>;
  readonly idempotencyKey: string | null;
  /** Requests in flight at the same time as this one (for conflicts). */
  overlaps: Ticket[];
  /** Too many requests were in flight to tell: treat as overlapping. */
  crowded: boolean;
}

/** One exchange once checked: its journal entry and how it was judged. */
export interface VerifiedExchange {
  entry: JournalEntry;
  allowances: readonly string[];
  /** Why the answer was not predicted, if it was not. */
  notPredicted?: string;
  /** Why the exchange was not checked at all, if it was not. */
  unchecked?: string;
}

/** Options of a {@link Verifier}. */
export interface VerifierOptions {
  /** The upstream base URL, as the report names it (never with credentials). */
  upstream: string;
  /** Called once per exchange, after it is checked and journaled. */
  onVerified?: ((verified: VerifiedExchange) => void) | undefined;
  /** Called when a check fails inside the proxy (a bug of the proxy; counted in the report). */
  onCheckerError?: ((error: unknown) => void) | undefined;
  /** The HMAC-SHA-256 tenant ids are made with (under a random secret); Web Crypto's by default. */
  hmac?: Hmac | undefined;
}

/** Requests in flight beyond which overlaps are not tracked one by one (all count as concurrent). */
const MAX_TRACKED_IN_FLIGHT = 256;

/**
 * How far checks may fall behind the traffic (a client that never stops): beyond this many
 * exchanges, or bytes kept for them, new exchanges are journaled and counted, not checked,
 * and their bodies are let go at once.
 */
export const BACKLOG_LIMITS = { exchanges: 1000, bytes: 64 * LIMITS.maxBodyBytes } as const;

/** The reason the report gives for exchanges skipped that way. */
export const BEHIND = 'checks fell behind the traffic';

const decoder = new TextDecoder();

/** An answer's body parsed, with the caller's key removed from it (nothing keeps it). */
function parseBody(body: Uint8Array | undefined, scrubber: Scrubber): ParsedBody {
  if (body === undefined) return { kind: 'unchecked' };
  const text = decoder.decode(body);
  if (text.trim() === '') return { kind: 'empty' };
  try {
    return { kind: 'json', value: scrubber.value(JSON.parse(text) as unknown) };
  } catch {
    return { kind: 'not-json', text: scrubber.text(text) };
  }
}

/** Whether two calls of the same tenant, overlapping in time, could change each other's answer. */
function conflicts(a: Ticket, b: Ticket): boolean {
  if (a.route.kind !== 'operation' || b.route.kind !== 'operation') return false;
  const [x, y] = [a.route, b.route];
  if (x.name === 'list' || y.name === 'list') return isMutation(x.name) || isMutation(y.name);
  if (x.sandboxId !== undefined && x.sandboxId === y.sandboxId)
    return isMutation(x.name) || isMutation(y.name);
  return (
    x.name === 'create' &&
    y.name === 'create' &&
    a.idempotencyKey !== null &&
    a.idempotencyKey === b.idempotencyKey
  );
}

/**
 * The checking half of the verifying proxy, runtime-neutral: given each forwarded request
 * and its answer, it checks shapes, predicts the answer with the reference in the mirrored
 * state, journals the exchange with its findings and builds the report. Exchanges are
 * checked one at a time, in the order their answers arrived, after each answer was sent.
 *
 * @example
 * ```ts
 * const verifier = new Verifier({ upstream: 'https://staging.example.com' });
 * const ticket = verifier.begin('GET', '/v1/sandboxes', request.headers);
 * // … forward, then:
 * verifier.finish(ticket, exchange);
 * await verifier.settled();
 * verifier.report().findings.total;
 * ```
 */
export class Verifier {
  /** The upstream as seen so far (tenants by digest, never by key). */
  readonly mirror = new Mirror();
  /** The proxy's journal: every exchange, with its findings. */
  readonly journal = new Journal();
  readonly #reference = new Reference();
  readonly #tenantKeys: TenantKeys;
  readonly #report: ReportBuilder;
  readonly #onVerified: VerifierOptions['onVerified'];
  readonly #onCheckerError: VerifierOptions['onCheckerError'];
  readonly #active = new Set<Ticket>();
  readonly #ids = new SeededRandom(crypto.getRandomValues(new Uint32Array(1))[0] ?? 0);
  #queue: Promise<void> = Promise.resolve();
  #pending = 0;
  #pendingBytes = 0;
  /** `finish()` calls so far, and exchanges checked so far (in the same order). */
  #finished = 0;
  #checked = 0;
  /** The mirror's floor once the first `n` finished exchanges were checked, for the `n` still needed. */
  readonly #floors = new Map<number, number | undefined>([[0, undefined]]);
  /** `finishedBefore` of the tickets not checked yet, counted. */
  readonly #needed = new Map<number, number>();

  constructor(options: VerifierOptions) {
    this.#report = new ReportBuilder(options.upstream);
    this.#tenantKeys = new TenantKeys(options.hmac);
    this.#onVerified = options.onVerified;
    this.#onCheckerError = options.onCheckerError;
  }

  /** Findings reported so far. */
  get findings(): number {
    return this.#report.findings;
  }

  /** A request id of the proxy's own (its 502 answers, and answers that lack one). */
  newRequestId(): string {
    return newRequestId(this.#ids);
  }

  /** Registers a request as it arrives, before it is forwarded. */
  begin(method: string, target: string, headers: Headers): Ticket {
    const pathname = target.split('?')[0] ?? target;
    const ticket: Ticket = {
      method,
      target,
      route: matchRoute(method, pathname),
      finishedBefore: this.#finished,
      tenant: this.#tenantKeys.of(headers.get('authorization')),
      idempotencyKey: headers.get('idempotency-key'),
      overlaps: [],
      crowded: this.#active.size >= MAX_TRACKED_IN_FLIGHT,
    };
    if (!ticket.crowded) {
      for (const other of this.#active) {
        other.overlaps.push(ticket);
        ticket.overlaps.push(other);
      }
    }
    this.#active.add(ticket);
    this.#needed.set(ticket.finishedBefore, (this.#needed.get(ticket.finishedBefore) ?? 0) + 1);
    return ticket;
  }

  /** Hands over a finished exchange; it is checked after those that finished before it. */
  finish(ticket: Ticket, exchange: Exchange): void {
    this.#active.delete(ticket);
    const { outcome } = exchange;
    const answer = outcome.kind === 'answered' ? (outcome.body?.byteLength ?? 0) : 0;
    let bytes = exchange.requestBody.byteLength + answer;
    const behind =
      this.#pending >= BACKLOG_LIMITS.exchanges || this.#pendingBytes + bytes > BACKLOG_LIMITS.bytes;
    let kept = exchange;
    if (behind) {
      kept = {
        ...exchange,
        requestBody: new Uint8Array(),
        outcome: outcome.kind === 'answered' ? { ...outcome, body: undefined } : outcome,
      };
      bytes = 0;
    }
    this.#finished++;
    this.#pending++;
    this.#pendingBytes += bytes;
    this.#queue = this.#queue
      .then(yieldToIo)
      .then(() => this.#verify(ticket, kept, behind))
      .catch((error: unknown) => {
        this.#report.checkerError();
        this.#onCheckerError?.(error);
      })
      .finally(() => {
        ticket.overlaps = [];
        this.#pending--;
        this.#pendingBytes -= bytes;
        this.#recordFloor(ticket);
      });
  }

  /** Resolves once every exchange handed over so far is checked. */
  settled(): Promise<void> {
    return this.#queue;
  }

  /**
   * Forgets the mirror and the journal (the report keeps counting): the upstream was reset,
   * so it owns nothing now. Waits for pending checks first.
   */
  async reset(): Promise<void> {
    await this.settled();
    this.mirror.reset();
    this.journal.clear();
    // Instants from before the reset say nothing of the upstream's clock after it.
    for (const seen of this.#floors.keys()) this.#floors.set(seen, undefined);
  }

  /** The report so far. */
  report(): ProxyReport {
    return this.#report.toJSON();
  }

  /**
   * The latest upstream instant shown by the exchanges that finished before `ticket`'s request
   * was sent (all of them are checked by the time it is): a lower bound of the upstream's
   * clock when it answered.
   */
  #floorOf(ticket: Ticket): number | undefined {
    return this.#floors.get(ticket.finishedBefore);
  }

  /** Notes the floor after one more exchange is checked; forgets floors no ticket needs. */
  #recordFloor(ticket: Ticket): void {
    this.#checked++;
    this.#floors.set(this.#checked, this.mirror.floor);
    const count = (this.#needed.get(ticket.finishedBefore) ?? 1) - 1;
    if (count > 0) this.#needed.set(ticket.finishedBefore, count);
    else this.#needed.delete(ticket.finishedBefore);
    let oldest = this.#checked;
    for (const needed of this.#needed.keys()) oldest = Math.min(oldest, needed);
    for (const seen of this.#floors.keys()) if (seen < oldest) this.#floors.delete(seen);
  }

  async #concurrent(ticket: Ticket, tenant: string | undefined): Promise<boolean> {
    if (ticket.crowded) return true;
    for (const other of ticket.overlaps) {
      if (other.crowded) return true;
      if ((await other.tenant) === tenant && conflicts(ticket, other)) return true;
    }
    return false;
  }

  /** What an unanswered call may have done: the mirror stops assuming it did nothing. */
  #lost(ticket: Ticket, tenant: Tenant | undefined): void {
    const { route } = ticket;
    if (tenant === undefined || route.kind !== 'operation' || !isMutation(route.name)) return;
    if (route.name === 'create') {
      tenant.complete = false;
      const floor = this.#floorOf(ticket);
      if (ticket.idempotencyKey !== null && floor !== undefined) {
        const earlier = tenant.unanswered.get(ticket.idempotencyKey);
        const bound = floor - CLOCK_SKEW_MS;
        tenant.unanswered.set(
          ticket.idempotencyKey,
          earlier === undefined ? bound : Math.min(earlier, bound),
        );
      }
    } else if (route.sandboxId !== undefined) {
      this.mirror.markStale(tenant, route.sandboxId);
    }
  }

  async #verify(ticket: Ticket, exchange: Exchange, behind = false): Promise<void> {
    const started = performance.now();
    const authorization = exchange.requestHeaders.get('authorization');
    // From here on, nothing the checks read, mirror or report holds the caller's key.
    const scrubber = new Scrubber([...secretsOf(authorization), bearerKey(authorization) ?? '']);
    const requestBody =
      exchange.requestBytes <= LIMITS.maxBodyBytes
        ? scrubber.bytes(exchange.requestBody)
        : exchange.requestBody;
    const tenantId = await ticket.tenant;
    const tenant = tenantId === undefined ? undefined : this.mirror.tenant(tenantId);
    const { outcome } = exchange;
    let findings: Finding[] = [];
    let allowances: readonly string[] = [];
    let notPredicted: string | undefined;
    let unchecked: string | undefined;
    let requestId: string;

    if (outcome.kind === 'answered') {
      const upstreamId = outcome.headers.get('x-request-id');
      requestId =
        upstreamId !== null && REQUEST_ID_PATTERN.test(upstreamId) ? upstreamId : this.newRequestId();
      if (ticket.route.kind === 'unchecked') unchecked = ticket.route.reason;
      else if (behind) {
        unchecked = BEHIND;
        this.#lost(ticket, tenant);
      } else {
        const body = parseBody(outcome.body, scrubber);
        const query = new URLSearchParams(exchange.target.split('?').slice(1).join('?'));
        findings = [
          ...responseShapeFindings(ticket.route, exchange.method, outcome.status, outcome.headers, body),
          ...acceptedRequestFindings(
            ticket.route,
            {
              method: exchange.method,
              query,
              authorization,
              body: requestBody,
              bodyBytes: exchange.requestBytes,
            },
            outcome.status,
          ),
        ];
        if (body.kind === 'unchecked') notPredicted = 'body-too-large';
        else {
          await yieldToIo();
          const verdict = await checkBehaviour({
            reference: this.#reference,
            mirror: this.mirror,
            route: ticket.route,
            request: {
              method: exchange.method,
              target: exchange.target,
              headers: exchange.requestHeaders,
              body: requestBody,
            },
            tenant,
            floorAtStart: this.#floorOf(ticket),
            observed: {
              status: outcome.status,
              headers: outcome.headers,
              body: body.kind === 'json' ? body.value : undefined,
            },
            concurrent: await this.#concurrent(ticket, tenantId),
            shapePaths: new Set(findings.map((finding) => finding.path ?? '')),
          });
          findings.push(...verdict.findings);
          allowances = verdict.allowances;
          notPredicted = verdict.notPredicted;
        }
      }
    } else {
      requestId = outcome.kind === 'upstream-error' ? outcome.requestId : this.newRequestId();
      this.#lost(ticket, tenant);
    }
    exchange.requestHeaders.delete('authorization');

    const entry: JournalEntry = {
      requestId,
      time: exchange.time,
      method: exchange.method,
      path: exchange.target,
      status: outcome.status,
      apiKey: redactAuthorization(authorization),
      durationMs: Math.round(exchange.durationMs * 1000) / 1000,
    };
    if (findings.length > 0) entry.findings = scrubber.value(findings);
    this.journal.record(entry);
    this.#report.add({
      entry,
      allowances,
      notPredicted,
      unchecked,
      outcome: outcome.kind,
      checkMs: performance.now() - started,
    });
    const verified: VerifiedExchange = { entry, allowances };
    if (notPredicted !== undefined) verified.notPredicted = notPredicted;
    if (unchecked !== undefined) verified.unchecked = unchecked;
    this.#onVerified?.(verified);
  }
}
