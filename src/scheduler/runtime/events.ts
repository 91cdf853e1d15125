/** Event kinds of the model's one dispatch table (model.ts): the runtime's and the program's. */
export const EV_RUN_END = 0;
export const EV_M_START = 1;
export const EV_G_WAKE = 2;
export const EV_SYSMON = 3;
export const EV_ARRIVAL = 4;
export const EV_BURST = 5;
export const EV_STW = 6;
export const EV_START_WORLD = 7;
export const EV_GC_MARK_DONE = 8;
export const EV_GC_FLUSH = 9;
export const EV_GC_DRIVEN = 10;
export const EV_TURN = 11;
export const EV_EXIT = 12;
export const EV_SLICE = 13;
export const EV_KINDS = 14;
