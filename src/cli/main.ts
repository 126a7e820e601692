export async function main(argv: string[]): Promise<void> {
  const x: number = 1;
  console.log('hello', argv, x);
}
