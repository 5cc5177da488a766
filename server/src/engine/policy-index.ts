import { compileActions, type ActionSet } from './action-set.js';
import { statementResource } from './policy-conditions.js';
import { ResourceIndex } from './resource-index.js';
import type { SubjectIds } from './subject-ids.js';
import { subjectKey } from './subjects.js';
import type { PolicyAssignmentFact, PolicyFact, PolicyStatementFact } from './types.js';

/**
 * The statements one subject holds on one exact resource: the unconditional ones compiled to
 * allow/deny actions, the conditional ones kept to be evaluated per check.
 */
export interface StatementBucket {
  sid: number;
  allow: ActionSet | null;
  deny: ActionSet | null;
  conditional: readonly PolicyStatementFact[] | null;
}

/** What one subject holds through its enabled policy assignments in one namespace. */
export interface PolicyEntry {
  /** Statements by exact (normalized) resource: checks probe them like grants. */
  buckets: ReadonlyMap<string, StatementBucket>;
}

/**
 * The subject key a policy assignment counts under. An ORG assignment that does not inherit uses
 * `ORG=:<node>`, which only the node's own members carry; `ORG:<node>` is carried by members of
 * the node and of every node below it (see {@link directOrgKey}).
 */
export function policySubjectKey(a: Pick<PolicyAssignmentFact, 'targetType' | 'targetId' | 'inheritByChildren'>): string {
  return a.targetType === 'ORG' && !a.inheritByChildren ? directOrgKey(a.targetId) : subjectKey(a.targetType, a.targetId);
}

/** The key of a direct-only ORG assignment on `nodeId`. */
export function directOrgKey(nodeId: string): string {
  return `ORG=:${nodeId}`;
}

export const assignmentKeyOf = (a: Pick<PolicyAssignmentFact, 'policyId' | 'targetType' | 'targetId'>): string =>
  `${a.policyId}\u0000${a.targetType}\u0000${a.targetId}`;

function add<K, V>(m: Map<K, Set<V>>, k: K, v: V): void {
  let s = m.get(k);
  if (!s) {
    s = new Set();
    m.set(k, s);
  }
  s.add(v);
}

function drop<K, V>(m: Map<K, Set<V>>, k: K, v: V): void {
  const s = m.get(k);
  if (!s) return;
  s.delete(v);
  if (s.size === 0) m.delete(k);
}

/**
 * Policies and their assignments, with each subject's statements compiled per namespace. A write
 * recomputes exactly the subjects it touches (the targets of a changed assignment, or every target
 * of a changed policy), so the next check sees it.
 */
export class PolicyIndex {
  readonly #policies = new Map<string, PolicyFact>();
  readonly #assignments = new Map<string, PolicyAssignmentFact>();
  /** policy id → assignment keys. */
  readonly #byPolicy = new Map<string, Set<string>>();
  /** policy subject key → assignment keys. */
  readonly #bySubject = new Map<string, Set<string>>();
  /** namespace → policy subject key → entry. */
  readonly #entries = new Map<number, Map<string, PolicyEntry>>();
  /** policy subject key → namespaces it has an entry in. */
  readonly #entryNamespaces = new Map<string, Set<number>>();
  /** The buckets of every entry, resource first, for checks. */
  readonly checks: ResourceIndex<StatementBucket>;

  constructor(readonly ids: SubjectIds) {
    this.checks = new ResourceIndex(ids);
  }

  putPolicy(row: PolicyFact): void {
    this.#policies.set(row.id, {
      ...row,
      statements: row.statements.map((s) => ({ ...s, actions: [...s.actions], condition: s.condition.map((c) => ({ ...c })) })),
    });
    this.#recomputePolicy(row.id);
  }

  /**
   * Removes the policy. Assignments still naming it stay (nothing cascades in the index: the
   * service emits their deletes, as storage's ON DELETE CASCADE does) but grant nothing.
   */
  deletePolicy(id: string): void {
    if (this.#policies.delete(id)) this.#recomputePolicy(id);
  }

  putAssignment(row: PolicyAssignmentFact, present: boolean): void {
    const key = assignmentKeyOf(row);
    const old = this.#assignments.get(key);
    if (old) {
      this.#assignments.delete(key);
      drop(this.#byPolicy, old.policyId, key);
      drop(this.#bySubject, policySubjectKey(old), key);
      this.#recomputeSubject(policySubjectKey(old));
    }
    if (!present) return;
    const fact = { ...row };
    this.#assignments.set(key, fact);
    add(this.#byPolicy, fact.policyId, key);
    add(this.#bySubject, policySubjectKey(fact), key);
    this.#recomputeSubject(policySubjectKey(fact));
  }

  /** The entry of one policy subject key in one namespace. */
  entry(namespaceId: number, key: string): PolicyEntry | undefined {
    return this.#entries.get(namespaceId)?.get(key);
  }

  /** True when no subject holds any statement in the namespace (checks skip policies then). */
  emptyIn(namespaceId: number): boolean {
    return !this.#entries.has(namespaceId);
  }

  policies(): PolicyFact[] {
    return [...this.#policies.values()].map((p) => ({
      ...p,
      statements: p.statements.map((s) => ({ ...s, actions: [...s.actions], condition: s.condition.map((c) => ({ ...c })) })),
    }));
  }

  assignments(): PolicyAssignmentFact[] {
    return [...this.#assignments.values()].map((a) => ({ ...a }));
  }

  #recomputePolicy(policyId: string): void {
    const subjects = new Set<string>();
    for (const key of this.#byPolicy.get(policyId) ?? []) {
      const a = this.#assignments.get(key);
      if (a) subjects.add(policySubjectKey(a));
    }
    for (const s of subjects) this.#recomputeSubject(s);
  }

  /** Rebuilds every namespace's entry of one subject from its enabled assignments. */
  #recomputeSubject(subject: string): void {
    for (const ns of this.#entryNamespaces.get(subject) ?? []) {
      const m = this.#entries.get(ns);
      const old = m?.get(subject);
      if (old) this.#unindex(ns, subject, old);
      m?.delete(subject);
      if (m && m.size === 0) this.#entries.delete(ns);
    }
    this.#entryNamespaces.delete(subject);

    const statements = new Map<number, PolicyStatementFact[]>();
    for (const key of this.#bySubject.get(subject) ?? []) {
      const a = this.#assignments.get(key);
      const policy = a?.enabled ? this.#policies.get(a.policyId) : undefined;
      if (!policy) continue;
      let list = statements.get(policy.namespaceId);
      if (!list) statements.set(policy.namespaceId, (list = []));
      list.push(...policy.statements);
    }
    for (const [ns, list] of statements) {
      if (list.length === 0) continue;
      const lists = new Map<string, { allow: string[][]; deny: string[][]; conditional: PolicyStatementFact[] }>();
      for (const s of list) {
        const resource = statementResource(s);
        let l = lists.get(resource);
        if (!l) lists.set(resource, (l = { allow: [], deny: [], conditional: [] }));
        if (s.condition.length > 0) l.conditional.push(s);
        else (s.effect === 'ALLOW' ? l.allow : l.deny).push(s.actions);
      }
      const buckets = new Map<string, StatementBucket>();
      for (const [resource, l] of lists) {
        buckets.set(resource, {
          sid: -1,
          allow: l.allow.length > 0 ? compileActions(l.allow) : null,
          deny: l.deny.length > 0 ? compileActions(l.deny) : null,
          conditional: l.conditional.length > 0 ? l.conditional : null,
        });
      }
      let m = this.#entries.get(ns);
      if (!m) this.#entries.set(ns, (m = new Map()));
      const entry = { buckets };
      m.set(subject, entry);
      add(this.#entryNamespaces, subject, ns);
      this.#index(ns, subject, entry);
    }
  }

  #index(ns: number, subject: string, entry: PolicyEntry): void {
    for (const [resource, bucket] of entry.buckets) this.checks.set(ns, resource, subject, bucket);
  }

  #unindex(ns: number, subject: string, entry: PolicyEntry): void {
    for (const resource of entry.buckets.keys()) this.checks.delete(ns, resource, subject);
  }
}
