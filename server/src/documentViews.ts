import type { TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { CheckService, Priority, WorkerJob } from './checkService';
import type { WorkerResults } from './checkWorker';
import { formatOf } from './engine/parse/document';
import { LineIndex } from './engine/parse/text';
import { pathOfUri, type ConfigStore } from './features/analysis';
import type { CurrentText } from './features/completion';
import type { EditTrail, OffsetMap } from './features/editTrail';
import { featureView, type FeatureView } from './features/view';

/**
 * Why a document's current version is wanted: an open wants its first diagnostics (before everything else), a
 * request waits for it (it goes first and is never dropped), an edit wants diagnostics (it goes first; a newer edit
 * drops it), or a settings change re-checks every open document (after the documents someone is working in).
 */
export type Need = 'open' | 'request' | 'edit' | 'refresh';

const PRIORITY: Record<Need, Priority> = { open: 'opened', request: 'now', edit: 'now', refresh: 'background' };

/**
 * Edits are checked once typing pauses this long: enough to take a burst of changes (key repeat, multi-cursor) in one
 * check, short enough that diagnostics follow a pause at once. Requests made meanwhile do not wait for the check: they
 * answer from the last analysis (see `DocumentViews.earlier`).
 */
export const EDIT_PAUSE_MS = 30;
/** The longest pause `pauseBeforeCheck` asks for: a longer check is started anyway, and given up if typing goes on. */
export const MAX_EDIT_PAUSE_MS = 500;

/**
 * How long to wait after an edit before checking. Usually EDIT_PAUSE_MS. But while edits come faster than the
 * document's last check took (a long policy typed in), a check started in the pause between two keystrokes would be
 * given up at the second (see `DocumentViews.changed`): the pause is then as long as that check, so the worker starts
 * only a check it can finish, and is free for other documents meanwhile. (clangd paces its rebuilds the same way.)
 * A policy of usual length checks in less than EDIT_PAUSE_MS and is never paced.
 */
export function pauseBeforeCheck(sincePreviousEdit: number, lastCheckMs: number | undefined): number {
  const pause = Math.min(MAX_EDIT_PAUSE_MS, Math.max(EDIT_PAUSE_MS, lastCheckMs ?? 0));
  return sincePreviousEdit < pause ? pause : EDIT_PAUSE_MS;
}

interface Pending {
  version: number;
  generation: number;
  promise: Promise<FeatureView | undefined>;
  job: WorkerJob<WorkerResults['check']>;
  /** A request waits for it: it must run even when the document has moved on. */
  requested: boolean;
}

/**
 * The main thread's side of each open document: the view of its last analysis, the check of its current version
 * the worker has been asked for, and a check that failed (so a request does not ask the worker again for a version
 * that stops it). Views are replaced, never merged; one that comes back after a configuration change is answered
 * to whoever waited for it, but not kept.
 */
export class DocumentViews {
  private readonly views = new Map<string, FeatureView>();
  private readonly pending = new Map<string, Pending>();
  private readonly failed = new Map<string, { version: number; generation: number; error: unknown }>();
  private readonly currentTexts = new Map<string, { version: number; current: CurrentText }>();
  /** When each document was last edited, and how long its last check took (for `pauseBeforeCheck`). */
  private readonly editedAt = new Map<string, number>();
  private readonly checkTimes = new Map<string, number>();
  /** Counts configuration changes: a view checked under an older configuration is not kept. */
  private generation = 0;

  constructor(
    private readonly documents: TextDocuments<TextDocument>,
    private readonly configs: ConfigStore,
    private readonly service: CheckService,
    private readonly trail: EditTrail,
  ) {}

  /** The view of a document's current version: the last one when it is current, else its check (asked for now). */
  current(uri: string, need: Need): Promise<FeatureView | undefined> {
    const document = this.documents.get(uri);
    if (!document) return Promise.resolve(undefined);
    const { version } = document;
    const view = this.views.get(uri);
    if (view?.version === version) return Promise.resolve(view);
    const failure = this.failed.get(uri);
    if (failure?.version === version && failure.generation === this.generation) return Promise.reject(failure.error);
    const path = pathOfUri(uri);
    // Neither YAML nor Markdown, or checks turned off: nothing to ask the worker.
    if (!formatOf(path ?? uri, document.languageId) || !this.configs.settingsFor(path).enable) return Promise.resolve(undefined);
    const pending = this.pending.get(uri);
    if (pending?.version === version && pending.generation === this.generation) {
      if (need !== 'refresh') pending.job.promote();
      pending.requested ||= need === 'request';
      return pending.promise;
    }
    // A check of an older version that only its diagnostics waited for is of no use any more.
    if (pending && !pending.requested) pending.job.cancel();
    return this.check(document, need);
  }

  private check(document: TextDocument, need: Need): Promise<FeatureView | undefined> {
    const { uri, version, languageId } = document;
    const text = document.getText();
    const generation = this.generation;
    const job = this.service.run({ kind: 'check', uri, version, text, languageId }, PRIORITY[need], { textLength: text.length });
    // Kept only for the document as it is open now: one closed and opened again starts its versions again.
    const same = () => generation === this.generation && this.documents.get(uri) === document;
    const promise = job.promise.then((checked) => {
      if (!checked) return undefined;
      const view = featureView(checked, text, this.configs.forPath(pathOfUri(uri)).catalog);
      if (same() && !checked.head.warmingUp) this.checkTimes.set(uri, checked.head.checkMs);
      if (same() && version > (this.views.get(uri)?.version ?? -1)) {
        this.views.set(uri, view);
        this.currentTexts.delete(uri);
        this.trail.forgetBefore(uri, version);
      }
      return view;
    }, (error: unknown) => {
      if (same()) this.failed.set(uri, { version, generation, error });
      throw error;
    }).finally(() => {
      if (this.pending.get(uri)?.promise === promise) this.pending.delete(uri);
    });
    this.pending.set(uri, { version, generation, promise, job, requested: need === 'request' });
    return promise;
  }

  /**
   * The last view of a document whose newer version waits for its check (the user is typing), with the map from
   * its offsets to the current text: hover and completion answer from it at once instead of waiting.
   */
  earlier(uri: string): { view: FeatureView; map: OffsetMap; current: CurrentText } | undefined {
    const document = this.documents.get(uri);
    const view = this.views.get(uri);
    if (!document || !view || view.version === document.version) return undefined;
    const map = this.trail.since(uri, view.version, document.version);
    if (!map) return undefined;
    let known = this.currentTexts.get(uri);
    if (known?.version !== document.version) {
      const text = document.getText();
      known = { version: document.version, current: { text, lines: new LineIndex(text) } };
      this.currentTexts.set(uri, known);
    }
    return { view, map, current: known.current };
  }

  /**
   * The document changed (at `now`, in milliseconds): a check of an older version that only its diagnostics wait for
   * is given up at once, even one the worker is running (they would not be published), not when the next check is
   * asked for. While a long policy is typed in, the worker then stops within a few milliseconds of each keystroke
   * instead of checking versions nobody will see back to back. Returns how long to wait before checking the new
   * version (`pauseBeforeCheck`).
   */
  changed(uri: string, now: number): number {
    const pending = this.pending.get(uri);
    if (pending && !pending.requested && pending.version !== this.documents.get(uri)?.version) pending.job.cancel();
    const previous = this.editedAt.get(uri);
    this.editedAt.set(uri, now);
    return pauseBeforeCheck(previous === undefined ? Infinity : now - previous, this.checkTimes.get(uri));
  }

  /** The configuration changed: every view and failure is stale, and checks only diagnostics wait for are dropped. */
  clear(): void {
    this.generation++;
    this.views.clear();
    this.failed.clear();
    this.currentTexts.clear();
    for (const pending of this.pending.values()) if (!pending.requested) pending.job.cancel();
    this.pending.clear();
  }

  /**
   * Documents whose view says they refer to others (a policy set), but not `except`: their views are dropped, so the
   * next `current` checks them again (a document they refer to changed).
   */
  forgetSets(except?: string): string[] {
    const stale: string[] = [];
    for (const [uri, view] of this.views) {
      if (uri === except || !view.refersToOthers) continue;
      stale.push(uri);
      this.views.delete(uri);
      this.failed.delete(uri);
      const pending = this.pending.get(uri);
      if (pending && !pending.requested) pending.job.cancel();
      this.pending.delete(uri);
    }
    return stale;
  }

  close(uri: string): void {
    const pending = this.pending.get(uri);
    if (pending && !pending.requested) pending.job.cancel();
    this.pending.delete(uri);
    this.views.delete(uri);
    this.failed.delete(uri);
    this.currentTexts.delete(uri);
    this.editedAt.delete(uri);
    this.checkTimes.delete(uri);
    this.trail.close(uri);
  }
}
