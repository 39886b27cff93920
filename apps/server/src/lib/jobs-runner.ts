import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { JobWithMetadata, PgBoss } from 'pg-boss';
import type { AppDeps } from './context.js';
import { jobQueueConnection, type JobDbSource } from './jobs-db.js';
import {
  JOB_TIME_ZONE,
  jobErrorMessage,
  type JobAttemptOutcome,
  type JobDefinition,
  type JobResult,
  type JobRunner,
} from './jobs.js';

export type JobRunnerOptions = {
  deps: AppDeps;
  db: JobDbSource;
  definitions: readonly JobDefinition[];
  /** How often an idle worker looks for jobs (default 10 s; scheduled jobs do not need more). */
  pollingIntervalSeconds?: number;
  /** How often the runner checks whether a schedule is due (pg-boss default 30 s). */
  cronIntervalSeconds?: number;
  /** How long `stop` waits for running jobs (default 30 s). */
  stopTimeoutMs?: number;
};

const DEFAULT_RETRY_LIMIT = 3;
const DEFAULT_RETRY_DELAY_SECONDS = 60;
const DEFAULT_EXPIRE_SECONDS = 900;
/** Failed jobs stay listed this long (pg-boss deletes finished jobs after it). */
const KEEP_FINISHED_SECONDS = 30 * 24 * 3600;
const RUN_NOW_TIMEOUT_MS = 60_000;

/**
 * The job runner on pg-boss (ADR 0013). One instance per process; every process that shares
 * a database shares its queues, and pg-boss's schedule claims make each cron occurrence one
 * job, whichever process sends it.
 */
export function createJobRunner(options: JobRunnerOptions): JobRunner {
  const { deps, definitions } = options;
  const byName = new Map(definitions.map((d) => [d.name, d]));
  if (byName.size !== definitions.length) {
    throw new Error('two jobs share a name');
  }
  let loading: Promise<PgBoss> | undefined;
  /** pg-boss, loaded and configured on first use (the runner's start, after listen). */
  const getBoss = (): Promise<PgBoss> => {
    loading ??= (async () => {
      const { PgBoss } = await import('pg-boss');
      const boss = new PgBoss({
        ...(await jobQueueConnection(options.db)),
        // Installs pg-boss's schema on the first start and upgrades it after a pg-boss update.
        migrate: true,
        instanceName: 'custodian',
        cronMonitorIntervalSeconds: options.cronIntervalSeconds ?? 30,
        cronWorkerIntervalSeconds: Math.min(options.cronIntervalSeconds ?? 5, 5),
      });
      boss.on('error', (err: unknown) => deps.log.error({ err }, 'job runner error'));
      boss.on('warning', (warning: unknown) => deps.log.warn({ warning }, 'job runner warning'));
      return boss;
    })();
    return loading;
  };
  const listeners: ((name: string, outcome: JobAttemptOutcome) => void)[] = [];
  const workers = new Map<string, string>();
  let started = false;

  const report = (name: string, outcome: JobAttemptOutcome) => {
    for (const listener of listeners) {
      listener(name, outcome);
    }
  };

  /** Runs one attempt with the clock's `now`; rethrows so pg-boss retries or fails the job. */
  const attempt = async (definition: JobDefinition, job: JobWithMetadata<Record<string, unknown>>) => {
    const now = deps.clock.now();
    const attemptNo = job.retryCount + 1;
    try {
      await definition.handler(deps, { now, data: job.data ?? {}, id: job.id, attempt: attemptNo, signal: job.signal });
      report(definition.name, 'completed');
    } catch (err) {
      const isFinal = job.retryCount >= job.retryLimit;
      report(definition.name, isFinal ? 'failed' : 'retried');
      deps.log.error(
        { err, job: definition.name, jobId: job.id, attempt: attemptNo, final: isFinal },
        isFinal ? 'job failed' : 'job attempt failed; it will be retried',
      );
      throw err;
    }
  };

  const start = async () => {
    if (started) {
      return;
    }
    started = true;
    const boss = await getBoss();
    await boss.start();
    for (const definition of definitions) {
      const queue = {
        retryLimit: definition.retryLimit ?? DEFAULT_RETRY_LIMIT,
        retryDelay: definition.retryDelaySeconds ?? DEFAULT_RETRY_DELAY_SECONDS,
        retryBackoff: true,
        expireInSeconds: definition.expireInSeconds ?? DEFAULT_EXPIRE_SECONDS,
        deleteAfterSeconds: KEEP_FINISHED_SECONDS,
      };
      await boss.createQueue(definition.name, queue);
      // createQueue leaves an existing queue as it was; a changed definition updates it.
      await boss.updateQueue(definition.name, queue);
      if (definition.cron) {
        // An occurrence missed while no process ran (a restart at 03:00) is sent once.
        await boss.schedule(definition.name, definition.cron, {}, { tz: JOB_TIME_ZONE, missed: 'once' });
      }
      const workerId = await boss.work(
        definition.name,
        { includeMetadata: true, batchSize: 1, pollingIntervalSeconds: options.pollingIntervalSeconds ?? 10 },
        async ([job]: JobWithMetadata<Record<string, unknown>>[]) => {
          if (job) {
            await attempt(definition, job);
          }
        },
      );
      workers.set(definition.name, workerId);
    }
    // A schedule whose job no longer declares one (or no longer exists) stops here.
    for (const schedule of await boss.getSchedules()) {
      if (!byName.get(schedule.name)?.cron) {
        await boss.unschedule(schedule.name, schedule.key);
      }
    }
    for (const definition of definitions.filter((d) => d.runAtStart)) {
      await boss.send(definition.name, { atStart: true });
    }
  };

  const stop = async () => {
    if (!started) {
      return;
    }
    started = false;
    workers.clear();
    const boss = await getBoss();
    await boss.stop({ graceful: true, close: false, timeout: options.stopTimeoutMs ?? 30_000 });
  };

  const definitionOf = (name: string): JobDefinition => {
    const definition = byName.get(name);
    if (!definition) {
      throw new Error(`no job named ${name}`);
    }
    return definition;
  };

  const send = async (name: string, data: object = {}) => {
    definitionOf(name);
    return (await getBoss()).send(name, data);
  };

  const runNow = async (name: string, data: object = {}): Promise<JobResult> => {
    const workerId = workers.get(definitionOf(name).name);
    if (!workerId) {
      throw new Error('the job runner is not started');
    }
    const boss = await getBoss();
    const id = await boss.send(name, data);
    if (!id) {
      throw new Error(`job ${name} was not queued`);
    }
    boss.notifyWorker(workerId);
    // Elapsed time, not the app's clock: a test clock may stand still while the job runs.
    const deadline = performance.now() + RUN_NOW_TIMEOUT_MS;
    while (performance.now() < deadline) {
      const [job] = await boss.findJobs(name, { id });
      if (job && (job.state === 'completed' || job.state === 'failed' || job.state === 'retry')) {
        return { id, name, state: job.state, error: job.state === 'completed' ? null : jobErrorMessage(job.output) };
      }
      await sleep(25);
    }
    throw new Error(`job ${name} (${id}) did not finish within ${RUN_NOW_TIMEOUT_MS} ms`);
  };

  return {
    definitions,
    start,
    stop,
    send,
    runNow,
    onAttempt: (listener) => {
      listeners.push(listener);
    },
  };
}
