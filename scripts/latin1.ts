/**
 * Every character of JavaScript source beyond Latin-1 as a \u escape, so that V8 holds the source one byte
 * a character (see bundle.ts). A character escaped with a backslash ("\–", an identity escape in a regular
 * expression or a string) becomes the escape alone; one after an escaped backslash ("\\–") keeps it. A
 * character outside the Basic Multilingual Plane is written as its two surrogate halves.
 */
export function latin1Only(source: string): string {
  return source.replace(/(\\*)([\u0100-\uffff])/g, (_m, slashes: string, unit: string) => {
    const kept = slashes.length % 2 === 1 ? slashes.slice(1) : slashes;
    return `${kept}\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}
