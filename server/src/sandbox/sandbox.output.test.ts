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
