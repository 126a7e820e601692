/** Backend.AI's binary sizes (`256m`, `1g`, `1073741824`), as `BinarySize.from_str` reads them. */

const BINARY_UNITS: Record<string, number> = {
  '': 1,
  k: 2 ** 10,
  m: 2 ** 20,
  g: 2 ** 30,
  t: 2 ** 40,
  p: 2 ** 50,
  e: 2 ** 60,
};

/** The size in bytes, or NaN for text that is no size. */
export function binarySize(text: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*([kmgtpe]?)i?b?$/i.exec(text.trim());
  if (!match) return Number.NaN;
  return Number(match[1]) * (BINARY_UNITS[(match[2] as string).toLowerCase()] as number);
}
