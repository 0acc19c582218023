import {
  MeilisearchTaskTimeOutError,
  type EnqueuedTask,
  type EnqueuedTaskPromise,
  type Meilisearch,
  type Task,
} from "meilisearch";

/*
 * Waiting for Meilisearch tasks by polling getTask, rather than the client's waitTask: that one
 * leaves an abort listener on its signal per poll (a MaxListenersExceededWarning on any wait
 * longer than half a second).
 */

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function waitForTask(
  client: Pick<Meilisearch, "tasks">,
  task: EnqueuedTaskPromise | EnqueuedTask,
  timeoutMs: number,
): Promise<Task> {
  const { taskUid } = await task;
  const deadline = Date.now() + timeoutMs;
  let interval = 10;
  for (;;) {
    const current = await client.tasks.getTask(taskUid);
    if (["succeeded", "failed", "canceled"].includes(current.status)) return current;
    if (Date.now() > deadline) throw new MeilisearchTaskTimeOutError(taskUid, timeoutMs);
    await sleep(interval);
    interval = Math.min(200, interval * 2);
  }
}

/** Waits (on a client or an index: both have `tasks`) and throws unless the task succeeded; `allow` lists error codes that are fine. */
export async function taskSucceeded(
  client: Pick<Meilisearch, "tasks">,
  task: EnqueuedTaskPromise | EnqueuedTask,
  timeoutMs: number,
  what: string,
  allow: string[] = [],
): Promise<Task> {
  const done = await waitForTask(client, task, timeoutMs);
  if (done.status !== "succeeded" && !allow.includes(done.error?.code ?? ""))
    throw new Error(
      `${what}: Meilisearch task ${done.uid} ${done.status}: ${done.error?.message ?? ""}`,
    );
  return done;
}
