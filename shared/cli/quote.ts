/** Quotes one argument for a POSIX shell, only when it needs it. */
export function shellQuote(arg: string): string {
  if (arg === '') return "''";
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(arg)) return arg;
  return `'${arg.replaceAll("'", `'"'"'`)}'`;
}

/** Builds a copyable command line from its words: `cli('docker', 'rm', '-f', name)`. */
export function cli(...words: (string | false | undefined | null)[]): string {
  return words
    .filter((w): w is string => typeof w === 'string')
    .map(shellQuote)
    .join(' ');
}
