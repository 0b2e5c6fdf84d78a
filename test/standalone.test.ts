import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';

// the workplace folder beside a clone; spelled in two parts so that this file does not name it
const OUTSIDE = ['..', 'shared'].join('/');
const FOLDERS = ['src', 'dialogs', 'test', '.ci', 'public', 'templates', 'teams'];

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

describe('The repository stands alone (a clone with nothing beside it)', () => {
  it('has no code, test, script or comment that reads or cites a folder outside it', () => {
    const offenders = FOLDERS.flatMap(files).filter((file) => {
      const text = readFileSync(file, 'utf8');
      return text.includes(OUTSIDE) || text.includes(['shared', 'fixtures'].join('/'));
    });
    expect(offenders).to.deep.equal([]);
  });

  it('holds the 36 Teams recordings the replay and fuzz tests use', () => {
    const recordings = readdirSync('test/fixtures/teams-recordings').filter((f) => f.endsWith('.json'));
    expect(recordings).to.have.length(36);
  });
});
