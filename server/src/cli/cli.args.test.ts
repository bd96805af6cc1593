import { parseCommand, UsageError } from './cli.args';

describe('parseCommand', () => {
  it('parses score with its defaults and options', () => {
    expect(parseCommand(['score', 'stream-log', 'main.js'])).toEqual({ name: 'score', slug: 'stream-log', solution: 'main.js', scale: 'quick', json: false });
    expect(parseCommand(['score', 'stream-log', 'sol/', '--scale', 'full', '--json'])).toEqual({ name: 'score', slug: 'stream-log', solution: 'sol/', scale: 'full', json: true });
  });
  it('parses verify with slugs or --all', () => {
    expect(parseCommand(['verify', '--all'])).toEqual({ name: 'verify', slugs: 'all', scale: 'quick', jobs: 1, json: false });
    expect(parseCommand(['verify', 'a', 'b', '--scale=quick'])).toEqual({ name: 'verify', slugs: ['a', 'b'], scale: 'quick', jobs: 1, json: false });
    expect(parseCommand(['verify', 'a', '--scale', 'both', '--jobs', '2'])).toEqual({ name: 'verify', slugs: ['a'], scale: 'both', jobs: 2, json: false });
  });
  it.each([
    [[], 'no command given'],
    [['frobnicate'], 'unknown command "frobnicate"'],
    [['score', 'stream-log'], 'score needs a challenge slug and a solution file or folder'],
    [['score', 'a', 'b', '--scale', 'huge'], '--scale must be one of quick, full (got "huge")'],
    [['score', 'a', 'b', '--colour'], "Unknown option '--colour'"],
    [['verify'], 'verify needs a challenge slug or --all'],
    [['verify', '--all', 'a'], 'verify takes either --all or challenge slugs, not both'],
    [['score', 'a', 'b', '--all'], '--all only goes with verify'],
    [['score', 'a', 'b', '--scale', 'both'], '--scale must be one of'],
    [['verify', 'a', '--jobs', '0'], '--jobs must be a whole number from 1 to 16'],
  ])('rejects %j', (argv, message) => {
    expect(() => parseCommand(argv)).toThrow(UsageError);
    expect(() => parseCommand(argv)).toThrow(message);
  });
  it('answers help', () => {
    expect(parseCommand(['--help'])).toEqual({ name: 'help' });
    expect(parseCommand(['score', '-h'])).toEqual({ name: 'help' });
  });
});
