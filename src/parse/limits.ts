/** More Ps than this are not read (memory stays bounded): the NR_CPUS limit of Debian's and Fedora's kernels. */
export const MAX_PS = 8192;
