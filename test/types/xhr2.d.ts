// xhr2 ships no types: it is the browser's XMLHttpRequest for Node, used only to run the stock Direct Line client.
declare module 'xhr2' {
  const XMLHttpRequest: typeof globalThis extends { XMLHttpRequest: infer T } ? T : new () => unknown;
  export default XMLHttpRequest;
}
