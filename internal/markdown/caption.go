package markdown

import (
	"bytes"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// A photo caption is written in Markdown as a Pandoc-style fenced div, which
// other Markdown tools (Pandoc, markdown-it-container) understand too:
//
//	::: caption
//	Trump North Korea Credit: Mike Pompeo
//	:::
//
// Story text never produces this: the escaper backslash-escapes a ':' that
// starts a line.

// KindCaption is the AST node kind of a caption block.
var KindCaption = ast.NewNodeKind("Caption")

// Caption is a photo caption: a block of inline text.
type Caption struct{ ast.BaseBlock }

// Kind implements ast.Node.
func (n *Caption) Kind() ast.NodeKind { return KindCaption }

// Dump implements ast.Node.
func (n *Caption) Dump(source []byte, level int) { ast.DumpHelper(n, source, level, nil, nil) }

var (
	captionOpen  = []byte("::: caption")
	captionClose = []byte(":::")
)

type captionParser struct{}

func (captionParser) Trigger() []byte { return []byte{':'} }

func (captionParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, _ := reader.PeekLine()
	if !bytes.Equal(util.TrimRightSpace(util.TrimLeftSpace(line)), captionOpen) {
		return nil, parser.NoChildren
	}
	reader.AdvanceToEOL()
	return &Caption{}, parser.NoChildren
}

func (captionParser) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	line, seg := reader.PeekLine()
	if line == nil {
		return parser.Close
	}
	if bytes.Equal(util.TrimRightSpace(util.TrimLeftSpace(line)), captionClose) {
		reader.AdvanceToEOL()
		return parser.Close
	}
	node.Lines().Append(seg.TrimLeftSpace(reader.Source()))
	reader.AdvanceToEOL()
	return parser.Continue | parser.NoChildren
}

// Close trims the final line break, as goldmark's paragraph parser does.
func (captionParser) Close(node ast.Node, reader text.Reader, pc parser.Context) {
	lines := node.Lines()
	if n := lines.Len(); n > 0 {
		last := lines.At(n - 1)
		lines.Set(n-1, last.TrimRightSpace(reader.Source()))
	}
}
func (captionParser) CanInterruptParagraph() bool { return true }
func (captionParser) CanAcceptIndentedLine() bool { return false }

type captionRenderer struct{}

func (captionRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindCaption, func(w util.BufWriter, source []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			_, _ = w.WriteString("<figure class=\"caption\"><figcaption>")
		} else {
			_, _ = w.WriteString("</figcaption></figure>\n")
		}
		return ast.WalkContinue, nil
	})
}

// captions is the goldmark extension for caption blocks.
type captions struct{}

func (captions) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithBlockParsers(util.Prioritized(captionParser{}, 50)))
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(captionRenderer{}, 500)))
}
