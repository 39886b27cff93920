import type { AppDeps } from './context.js';

/** The time zone every job schedule is read in: the Ministry's working day. */
export const JOB_TIME_ZONE = 'Asia/Taipei';

/** What one attempt of a job is given. */
export type JobRun<TData extends object = Record<string, unknown>> = {
  /** The instant the attempt started, from the app's clock: the job's "today". */
  now: Date;
  data: TData;
  /** pg-boss's job id, for logs. */
  id: string;
  /** 1 for the first attempt, 2 for the first retry, … */
  attempt: number;
  /** Aborted when the runner stops or the attempt expires. */
  signal: AbortSignal;
};

/**
 * A job a module declares in its `<domain>.jobs.ts` (ADR 0013) and registers in
 * `modules/index.ts`. The handler calls the module's services with `run.now`; it never reads
 * the system time. A handler that throws is retried with exponential backoff, and after the
 * last attempt the job is listed as failed (`GET /api/v1/jobs/failed`, `/metrics`).
 */
export type JobDefinition<TData extends object = Record<string, unknown>> = {
  /** `<domain>.<job>`: the pg-boss queue name. */
  name: string;
  /** Cron expression (minute hour day month weekday) in Asia/Taipei; none for jobs only sent. */
  cron?: string;
  /**
   * Also sent once, with the data `{ atStart: true }`, each time a process's runner starts,
   * e.g. to rebuild derived data that went stale while no process ran, or that a new version
   * of the code computes differently.
   */
  runAtStart?: boolean;
  /** Retries after the first failed attempt (default 3). */
  retryLimit?: number;
  /** Seconds before the first retry, doubled for each later one (default 60). */
  retryDelaySeconds?: number;
  /** An attempt still running after this many seconds counts as failed (default 900). */
  expireInSeconds?: number;
  /** Declared as a method so a handler of specific data still fits a list of definitions. */
  handler(deps: AppDeps, run: JobRun<TData>): Promise<void>;
};

/** Keeps a definition's data type while checking its shape. */
export function defineJob<TData extends object = Record<string, unknown>>(
  definition: JobDefinition<TData>,
): JobDefinition<TData> {
  return definition;
}

/** How one attempt ended, as the runner reports it to listeners (metrics). */
export type JobAttemptOutcome = 'completed' | 'retried' | 'failed';

/** The state of a job once an attempt has ended. */
export type JobResult = {
  id: string;
  name: string;
  state: 'completed' | 'retry' | 'failed';
  /** The error message of a failed attempt. */
  error: string | null;
};

/** The job runner as the app sees it (`app.jobs`); `lib/jobs-runner.ts` builds it. */
export type JobRunner = {
  /** Every job the modules declared. */
  readonly definitions: readonly JobDefinition[];
  /** Creates the queues, (re)writes the schedules and starts the workers. */
  start(): Promise<void>;
  /** Stops taking jobs and waits for running ones (up to the grace period). Safe to call twice. */
  stop(): Promise<void>;
  /** Queues a job for the next free worker; the id, or null when a singleton refused it. */
  send(name: string, data?: object): Promise<string | null>;
  /**
   * Queues a job, wakes its worker and waits until the attempt has ended. For tests and
   * operators: the job still runs through the queue, the worker and its retry rules.
   */
  runNow(name: string, data?: object): Promise<JobResult>;
  /** Called after every attempt this process ran. */
  onAttempt(listener: (name: string, outcome: JobAttemptOutcome) => void): void;
};

/** The message pg-boss stored for a failed attempt (a serialised Error), or its JSON. */
export function jobErrorMessage(output: unknown): string | null {
  if (output && typeof output === 'object' && 'message' in output && typeof output.message === 'string') {
    return output.message;
  }
  return output === null || output === undefined ? null : JSON.stringify(output);
}
