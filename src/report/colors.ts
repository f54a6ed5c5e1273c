import pc from 'picocolors';

export type Colors = ReturnType<typeof pc.createColors>;

/** Colour only on a terminal, never with NO_COLOR set, always with FORCE_COLOR (https://no-color.org). */
export function colorsFor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): Colors {
  const forced = env['FORCE_COLOR'] !== undefined && env['FORCE_COLOR'] !== '0';
  const enabled = forced || (!!stream.isTTY && env['NO_COLOR'] === undefined && env['TERM'] !== 'dumb');
  return pc.createColors(enabled);
}
