package markup

import (
	"strings"
	"testing"
)

// A kramdown lesson's attribute lists give code its language and make
// block quotes boxes, nested ones too, each titled by its first heading;
// the others are left out with a warning, and none is shown as text. A
// list right before a paragraph's text follows the block before it.
func TestKramdownAttributeLists(t *testing.T) {
	src := "Intro.\n\n~~~\nls -F\n~~~\n{: .language-bash}\n\n~~~\nout.txt\n~~~\n{: .output}\n\n" +
		"> ## Hook first\n> Open with the problem.\n{: .warning}\n\n" +
		"> ## Try it\n> Do this.\n>\n> > ## Solution\n> > It works.\n> {: .solution}\n{: .exercise}\n\n" +
		"A paragraph.\n{: .unknown}\n\n{:auto_ids}\n\n~~~\nprint(1)\n~~~\n{: .language-python}\ngives **this**\n"
	doc, err := convertPage(t, src)
	if err != nil {
		t.Fatal(err)
	}
	got := string(doc.HTML(Pass{}))
	want := `<p>Intro.</p>
<pre class="chroma language-bash" tabindex="0"><code class="language-bash"><span class="line"><span class="cl">ls -F
</span></span></code></pre>
<pre class="chroma language-output" tabindex="0"><code class="language-output"><span class="line"><span class="cl">out.txt
</span></span></code></pre>
<aside class="directive directive-warning"><p class="directive-title">Hook first</p>
<p>Open with the problem.</p>
</aside>
<section class="directive directive-exercise"><p class="directive-title">Try it</p>
<p>Do this.</p>
<details class="directive directive-solution"><summary>Solution</summary>
<p>It works.</p>
</details>
</section>
<p>A paragraph.</p>
<pre class="chroma language-python" tabindex="0"><code class="language-python"><span class="line"><span class="cl"><span class="nb">print</span><span class="p">(</span><span class="mi">1</span><span class="p">)</span>
</span></span></code></pre>
<p>gives <strong>this</strong></p>
`
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	var warned []string
	for _, w := range doc.Warnings {
		warned = append(warned, w.Error())
	}
	if len(warned) != 2 || !strings.Contains(warned[0], "a.md:29: kramdown attributes {: .unknown} are left out") || !strings.Contains(warned[1], "a.md:31: kramdown attributes {:auto_ids} are left out") {
		t.Errorf("warnings %q", warned)
	}
}
