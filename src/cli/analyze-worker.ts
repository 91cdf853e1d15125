/** The worker thread of `analyze --jobs`: analyses the part of the log it is given (analyze-chunk.ts). */
import { parentPort, workerData } from 'node:worker_threads';
import { analyzeChunk, type ChunkJob } from './analyze-chunk.js';

parentPort?.postMessage(await analyzeChunk(workerData as ChunkJob));
