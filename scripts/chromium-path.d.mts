export function findChromium(env?: NodeJS.ProcessEnv): string | undefined;
export function chromiumMissing(env?: NodeJS.ProcessEnv): string;
