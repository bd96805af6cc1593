import { promptHtml } from './prompt-html';

describe('promptHtml', () => {
  it('renders a prompt\'s markdown (headings, emphasis, lists, fenced code) to HTML', () => {
    const html = promptHtml({ id: 'v1', prompt: '# Title\n\nSome **bold** and `code`.\n\n- one\n- two\n\n```js\nconst a = 1 < 2;\n```\n' });
    expect(html).toContain('<h1>Title</h1>');
    expect(html).toContain('<strong>bold</strong>');
    expect(html).toContain('<code>code</code>');
    expect(html).toMatch(/<ul>\s*<li>one<\/li>\s*<li>two<\/li>\s*<\/ul>/);
    expect(html).toContain('<pre><code class="language-js">const a = 1 &lt; 2;\n</code></pre>');
  });

  it('renders each challenge version once: a version\'s prompt never changes', () => {
    const first = promptHtml({ id: 'v2', prompt: '# First' });
    expect(promptHtml({ id: 'v2', prompt: '# Changed' })).toBe(first);
    expect(promptHtml({ id: 'v3', prompt: '# Changed' })).toContain('<h1>Changed</h1>');
  });
});
