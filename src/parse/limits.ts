/** More Ps than this are not read (memory stays bounded): the NR_CPUS limit of Debian's and Fedora's kernels. */
export const MAX_PS = 8192;

/**
 * Digits of a number the fast paths read: up to 15 a double holds exactly; a longer number may be
 * past 2^53 and goes to the general reader, which diagnoses it.
 */
export const MAX_EXACT_DIGITS = 15;

/**
 * Streams (compose services, pods, journald units) parsed at once. Past this, the stream idle the
 * longest is summarised and released, so a log of a million interleaved names stays bounded; a
 * released stream that prints again starts a new run. A real aggregated log has far fewer.
 */
export const MAX_OPEN_STREAMS = 4096;
