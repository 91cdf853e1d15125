/** How long a backlog must last, and through which gaps it goes on, to be one saturation episode. */
/** Dumps, and milliseconds, a backlog must last to be saturation rather than a burst. */
export const SATURATION_DUMPS = 4;
export const SATURATION_MS = 500;
/**
 * Dumps in a row without the backlog that an episode goes on through. CPU-bound work in phases (a
 * parallel sort whose top-level merge runs on one goroutine, a batch job between batches) drops its
 * backlog for a dump and takes it up again: the same saturation, not a new one each time.
 */
export const SATURATION_GAP_DUMPS = 1;
/**
 * Two dumps in a row without the backlog go on with the episode too when a P ran in each and every
 * P was busy in the backlog dumps on both sides: a serial step between parallel ones (a reduce after
 * a map, a merge after the sorts), the work narrowed to one goroutine, not gone. A dump with every P
 * idle between them ends it (the program stopped), and so does the CPU-starved reading on either
 * side: beside idle Ps (the CPUs ran out, not the Ps) a P running through the gap is no serial step.
 */
export const SATURATION_SERIAL_GAP_DUMPS = 2;

/** Backlog dumps that words without a saturation finding name: one alone may be a moment's wake-up. */
export const BACKLOG_BURST_MIN_DUMPS = 2;
/**
 * Dumps in a row, every P busy beside the backlog and none without it, from which saturation is
 * `certain`: a backlog that a sampled dump shows this often is no coincidence of sampling.
 */
export const SATURATION_CERTAIN_DUMPS = 10;
