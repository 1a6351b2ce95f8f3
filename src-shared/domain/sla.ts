import { z } from 'zod';
import { addBusinessTime, type BusinessCalendar } from './business-time.js';
import { Channel, type SlaClock, type SlaTarget } from './model.js';

/**
 * Service-level targets (issue 6): first response, next response and resolution, counted in
 * the handling team's business time. Pure: the relay calls these as a conversation moves and
 * stores the clock on it; the workstation shows what is left.
 */

export const PRIORITIES = ['urgent', 'high', 'normal', 'low'] as const;
export const Priority = z.enum(PRIORITIES);
export type Priority = z.infer<typeof Priority>;

/** Applies to conversations matching every list given (an empty or absent list matches all); the first policy that matches wins. */
export const SlaPolicy = z.object({
  id: z.string().min(1).max(64),
  name: z.string().min(1).max(100),
  priorities: z.array(Priority).default([]),
  channels: z.array(Channel).default([]),
  markets: z.array(z.string().regex(/^[A-Z]{2}$/)).default([]),
  firstResponseMinutes: z.number().int().positive(),
  nextResponseMinutes: z.number().int().positive(),
  resolutionMinutes: z.number().int().positive(),
});
export type SlaPolicy = z.infer<typeof SlaPolicy>;

export interface SlaSubject {
  channel: Channel;
  market: string | null;
  priority: Priority;
}

export function policyFor(policies: readonly SlaPolicy[], subject: SlaSubject): SlaPolicy | null {
  const matches = <T>(list: readonly T[], value: T | null) => list.length === 0 || (value !== null && list.includes(value));
  return policies.find((p) => matches(p.priorities, subject.priority) && matches(p.channels, subject.channel) && matches(p.markets, subject.market)) ?? null;
}

/** When `minutes` of the team's working time have passed; a team without a calendar is always working. */
function dueAfter(calendar: BusinessCalendar | null, from: number, minutes: number): number | null {
  const ms = minutes * 60_000;
  return calendar ? addBusinessTime(calendar, from, ms) : from + ms;
}

/** The customer's first message starts the first-response and resolution clocks. */
export function startClock(policy: SlaPolicy, calendar: BusinessCalendar | null, at: number): SlaClock {
  return {
    policyId: policy.id,
    firstResponseDueAt: dueAfter(calendar, at, policy.firstResponseMinutes),
    nextResponseDueAt: null,
    resolutionDueAt: dueAfter(calendar, at, policy.resolutionMinutes),
    firstRespondedAt: null,
    breached: [],
  };
}

/** The customer wrote again: once answered before, the next answer is due; a resolved conversation reopens its resolution clock. */
export function customerWrote(clock: SlaClock, policy: SlaPolicy, calendar: BusinessCalendar | null, at: number): SlaClock {
  const waiting = clock.firstResponseDueAt !== null || clock.nextResponseDueAt !== null;
  return {
    ...clock,
    nextResponseDueAt: waiting || clock.firstRespondedAt === null ? clock.nextResponseDueAt : dueAfter(calendar, at, policy.nextResponseMinutes),
    resolutionDueAt: clock.resolutionDueAt ?? dueAfter(calendar, at, policy.resolutionMinutes),
  };
}

/** An agent answered the customer: whatever response was due is met. */
export function agentReplied(clock: SlaClock, at: number): SlaClock {
  return { ...clock, firstResponseDueAt: null, nextResponseDueAt: null, firstRespondedAt: clock.firstRespondedAt ?? at };
}

export function resolved(clock: SlaClock): SlaClock {
  return { ...clock, firstResponseDueAt: null, nextResponseDueAt: null, resolutionDueAt: null };
}

/** The running targets, soonest first. */
export function runningTargets(clock: SlaClock): { target: SlaTarget; dueAt: number }[] {
  const running: { target: SlaTarget; dueAt: number }[] = [];
  if (clock.firstResponseDueAt !== null) running.push({ target: 'first_response', dueAt: clock.firstResponseDueAt });
  if (clock.nextResponseDueAt !== null) running.push({ target: 'next_response', dueAt: clock.nextResponseDueAt });
  if (clock.resolutionDueAt !== null) running.push({ target: 'resolution', dueAt: clock.resolutionDueAt });
  return running.sort((a, b) => a.dueAt - b.dueAt);
}

/** Targets past due at `now` that were not told yet. */
export function newBreaches(clock: SlaClock, now: number): SlaTarget[] {
  return runningTargets(clock)
    .filter(({ target, dueAt }) => dueAt <= now && !clock.breached.includes(target))
    .map(({ target }) => target);
}

/** The soonest due time not yet breached: when the relay must look at this conversation again. */
export function nextCheckAt(clock: SlaClock | null | undefined): number | null {
  if (!clock) return null;
  return runningTargets(clock).find(({ target }) => !clock.breached.includes(target))?.dueAt ?? null;
}

/** A running target turns to a warning this long before it is due. */
export const WARNING_MS = 10 * 60_000;

export type SlaState = { state: 'ok' | 'warning' | 'breached'; target: SlaTarget; dueAt: number } | null;

/** What the inbox shows for a conversation's clock at `now`. */
export function slaStateAt(clock: SlaClock | null | undefined, now: number): SlaState {
  const next = clock ? runningTargets(clock)[0] : undefined;
  if (!next) return null;
  const state = next.dueAt <= now ? 'breached' : next.dueAt - now <= WARNING_MS ? 'warning' : 'ok';
  return { state, ...next };
}
