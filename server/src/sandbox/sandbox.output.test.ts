import { DockerStreamDemuxer, OutputCapture } from './sandbox.output';

function frame(stream: 1 | 2, payload: string): Buffer {
  const header = Buffer.alloc(8);
  header[0] = stream;
  header.writeUInt32BE(Buffer.byteLength(payload), 4);
  return Buffer.concat([header, Buffer.from(payload)]);
}

describe('DockerStreamDemuxer', () => {
  it('splits frames even when chunks cut headers and payloads anywhere', () => {
    const wire = Buffer.concat([frame(1, 'hello '), frame(2, 'oops'), frame(1, 'world')]);
    for (let cut = 1; cut < wire.length; cut++) {
      const got = { stdout: '', stderr: '' };
      const demux = new DockerStreamDemuxer((s, d) => (got[s] += d.toString()));
      demux.write(wire.subarray(0, cut));
      demux.write(wire.subarray(cut));
      expect(got).toEqual({ stdout: 'hello world', stderr: 'oops' });
    }
  });
});

describe('OutputCapture', () => {
  it('keeps the head, counts every byte and reports overflow', () => {
    const capture = new OutputCapture(10);
    expect(capture.push(Buffer.from('12345'))).toBe(true);
    expect(capture.push(Buffer.from('67890'))).toBe(true);
    expect(capture.push(Buffer.from('abc'))).toBe(false);
    expect(capture.result()).toEqual({ text: '1234567890', bytes: 13, truncated: true });
  });

  it('is not truncated at exactly the cap', () => {
    const capture = new OutputCapture(3);
    capture.push(Buffer.from('abc'));
    expect(capture.result()).toEqual({ text: 'abc', bytes: 3, truncated: false });
  });
});

describe('OutputCapture onText', () => {
  it('passes on what is kept as UTF-8, a character split across chunks arriving whole', () => {
    const texts: string[] = [];
    const capture = new OutputCapture(100, (t) => texts.push(t));
    const bytes = Buffer.from('é✓x');
    for (let i = 0; i < bytes.length; i++) capture.push(bytes.subarray(i, i + 1));
    capture.end();
    expect(texts).toEqual(['é', '✓', 'x']);
  });

  it('stops at the cap, and the texts join up to the result even when the cap cuts a character', () => {
    const texts: string[] = [];
    const capture = new OutputCapture(4, (t) => texts.push(t));
    capture.push(Buffer.from('ab✓ and more')); // the cap falls inside ✓ (3 bytes)
    capture.push(Buffer.from('ignored'));
    capture.end();
    expect(texts.join('')).toBe(capture.result().text);
    expect(texts).toEqual(['ab', '\uFFFD']);
  });

  it('keeps capturing when the listener throws', () => {
    const capture = new OutputCapture(10, () => {
      throw new Error('listener bug');
    });
    expect(capture.push(Buffer.from('ok'))).toBe(true);
    expect(capture.result().text).toBe('ok');
  });
});
