package markup

import (
	"strings"
	"testing"
)

// MkDocs' boxes build as the containers they name: the indented lines are
// the box's Markdown, a box nests in a box, a tab indents as four spaces,
// and the first line not indented ends it (but a paragraph's lazy
// continuation, as in a list).
func TestAdmonitions(t *testing.T) {
	src := "Intro.\n\n" +
		"!!! warning \"Check the date\"\n    Text **here**.\n\n    - item\n\n    ```bash\n    ls -l\n    ```\n\nAfter.\n\n" +
		"??? tip extra\n\tTabbed.\n\n    !!! exercise\n        Deep.\n\n    Back.\nLazy or not?\n\n" +
		"```\n!!! warning\n    code\n```\n\n" +
		"!!! tip \"\"\n\n    Untitled, after a blank line.\n"
	doc, err := convertPage(t, src)
	if err != nil {
		t.Fatal(err)
	}
	got := string(doc.HTML(Pass{}))
	want := `<p>Intro.</p>
<aside class="directive directive-warning"><p class="directive-title">Check the date</p>
<p>Text <strong>here</strong>.</p>
<ul>
<li>item</li>
</ul>
<pre class="chroma language-bash" tabindex="0"><code class="language-bash"><span class="line"><span class="cl">ls -l
</span></span></code></pre>
</aside>
<p>After.</p>
<aside class="directive directive-tip extra"><p class="directive-title">directive_tip</p>
<p>Tabbed.</p>
<section class="directive directive-exercise"><p class="directive-title">directive_exercise</p>
<p>Deep.</p>
</section>
<p>Back.
Lazy or not?</p>
</aside>
<pre class="chroma" tabindex="0"><code><span class="line"><span class="cl">!!! warning
</span></span><span class="line"><span class="cl">    code
</span></span></code></pre>
<aside class="directive directive-tip">
<p>Untitled, after a blank line.</p>
</aside>
`
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// An unknown box is an error at its line, and holds its lines all the same.
func TestAdmonitionUnknown(t *testing.T) {
	_, err := convertPage(t, "Text.\n\n!!! nonesuch \"Title\"\n    Inside.\n")
	if err == nil || !strings.Contains(err.Error(), `a.md:6: unknown directive "nonesuch"`) || strings.Count(err.Error(), "\n") > 0 {
		t.Fatalf("error %v, want one, at line 6", err)
	}
}

// Boxes nest no deeper than containers do.
func TestAdmonitionsNestLimited(t *testing.T) {
	var b strings.Builder
	for i := range MaxDepth + 5 {
		b.WriteString(strings.Repeat("    ", i) + "!!! tip\n")
	}
	_, err := convertPage(t, b.String())
	if err == nil || !strings.Contains(err.Error(), "nested more than 64 containers deep") {
		t.Fatalf("error %v, want the nesting limit", err)
	}
}

// A box may open in a list item, indented as the item's text is, and its
// kind may be written capitalised, as Python-Markdown reads both.
func TestAdmonitionInListItem(t *testing.T) {
	pageShows(t, "1. Item\n\n    !!! Tip \"In list\"\n        Boxed.\n\n2. Next\n\n  !!! warning\n      Two spaces in.\n",
		"<li>\n<p>Item</p>\n<aside class=\"directive directive-tip\"><p class=\"directive-title\">In list</p>\n<p>Boxed.</p>\n</aside>\n</li>",
		"<aside class=\"directive directive-warning\"><p class=\"directive-title\">directive_warning</p>\n<p>Two spaces in.</p>\n</aside>")
}

// A title a page gives a box is inline Markdown, as a description is,
// whichever way the box is written; a kramdown box's title, its heading's
// text, is not read again.
func TestBoxTitlesInline(t *testing.T) {
	src := "!!! warning \"Mind `re.match()`\"\n    A.\n\n" +
		":::tip[Use `git init` *now*]\nB.\n:::\n\n" +
		"::: {.exercise title=\"The `ls` command\"}\nC.\n:::\n\n" +
		":::solution[Why <b>?</b>]\nD.\n:::\n\n" +
		"> ## 2 * 3 * 4\n> E.\n{: .warning}\n"
	pageShows(t, src,
		`<p class="directive-title">Mind <code>re.match()</code></p>`,
		`<p class="directive-title">Use <code>git init</code> <em>now</em></p>`,
		`<p class="directive-title">The <code>ls</code> command</p>`,
		`<summary>Why &lt;b&gt;?&lt;/b&gt;</summary>`,
		`<p class="directive-title">2 * 3 * 4</p>`)
}
