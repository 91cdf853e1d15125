/** A worker thread of `analyze --jobs`: analyses each part of the log it is sent (analyze-chunk.ts). */
import { parentPort } from 'node:worker_threads';
import { analyzeChunk, type ChunkJob } from './analyze-chunk.js';

/** `null` asks the worker to stop: it closes its port, and with nothing left to do its thread ends. */
parentPort?.on('message', (job: ChunkJob | null) => {
  if (job === null) {
    parentPort?.close();
    return;
  }
  analyzeChunk(job).then(
    (r) => parentPort?.postMessage(r),
    (err: unknown) => {
      throw err; // ends the worker with an 'error' event in the main thread
    },
  );
});
