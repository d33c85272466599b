/** Parses a size the way the docker CLI does (go-units RAMInBytes): binary units, `200x` is invalid. */
export function parseBytes(text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?) ?([kKmMgGtTpP])?[iI]?[bB]?$/.exec(text.trim());
  if (!match?.[1]) return undefined;
  const unit = (match[2] ?? '').toLowerCase();
  const power = { '': 0, k: 1, m: 2, g: 3, t: 4, p: 5 }[unit] ?? 0;
  return Math.floor(Number(match[1]) * 1024 ** power);
}
