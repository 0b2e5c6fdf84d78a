/** A knowledge file that cannot be used: names the file and the reason, and stops start-up. */
export class KnowledgeError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`knowledge: ${file}: ${reason}`);
    this.name = 'KnowledgeError';
  }
}
