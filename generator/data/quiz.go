package data

import (
	"strconv"

	"gopkg.in/yaml.v3"
)

// Quiz is a self-check: questions a reader answers and checks on their own
// device.
type Quiz struct {
	Questions []Question
}

// Question types.
const (
	Single    = "single"    // one right option, shown as radio buttons
	Multiple  = "multiple"  // any number of right options, shown as checkboxes
	TrueFalse = "truefalse" // a statement that is true or false
)

// Question is one question of a quiz. A true/false question gets its two
// options from Decode, so every question is a list of options here.
type Question struct {
	ID          string
	Type        string
	Text        Text
	Options     []Option
	Explanation Text
	node        *yaml.Node
	optionsNode *yaml.Node
	answer      *yaml.Node
	feedback    map[string]Text // truefalse: feedback by "true" and "false"
}

// Option is one answer a reader can pick.
type Option struct {
	Text     Text
	Correct  bool
	Feedback Text   // shown when the reader picks it
	Key      string // the UI string that names it, for true/false; else ""
}

// Correct lists the positions of the right options, from 0.
func (q Question) Correct() []int {
	var right []int
	for i, o := range q.Options {
		if o.Correct {
			right = append(right, i)
		}
	}
	return right
}

func (z *Quiz) fields(d *Decoder) Fields {
	return Fields{
		"questions": func(v *yaml.Node) {
			d.List(v, "questions", func(n *yaml.Node) { z.Questions = append(z.Questions, d.question(n)) })
		},
	}
}

func (d *Decoder) question(n *yaml.Node) Question {
	q := Question{Type: Single, node: n}
	d.Object(n, "a question", Fields{
		"id":   func(v *yaml.Node) { q.ID = d.id(v) },
		"type": func(v *yaml.Node) { q.Type = d.questionType(v) },
		"text": func(v *yaml.Node) { q.Text = d.Text(v) },
		"options": func(v *yaml.Node) {
			q.optionsNode = v
			d.List(v, "options", func(o *yaml.Node) { q.Options = append(q.Options, d.option(o)) })
		},
		"answer": func(v *yaml.Node) { q.answer = v },
		"feedback": func(v *yaml.Node) {
			q.feedback = map[string]Text{}
			d.Object(v, "true/false feedback", Fields{
				"true":  func(t *yaml.Node) { q.feedback["true"] = d.Text(t) },
				"false": func(t *yaml.Node) { q.feedback["false"] = d.Text(t) },
			})
		},
		"explanation": func(v *yaml.Node) { q.Explanation = d.Text(v) },
	}, "text")
	return q
}

func (d *Decoder) questionType(n *yaml.Node) string {
	t := d.String(n)
	switch t {
	case Single, Multiple, TrueFalse:
		return t
	}
	d.Failf(n, "unknown question type %q (known: %s, %s, %s)", t, Single, Multiple, TrueFalse)
	return Single
}

func (d *Decoder) option(n *yaml.Node) Option {
	var o Option
	d.Object(n, "an option", Fields{
		"text":     func(v *yaml.Node) { o.Text = d.Text(v) },
		"correct":  func(v *yaml.Node) { o.Correct = d.Bool(v) },
		"feedback": func(v *yaml.Node) { o.Feedback = d.Text(v) },
	}, "text")
	return o
}

// check runs the rules that span a question or the whole quiz: each
// question has the keys its type needs and a right answer, a single-choice
// question has exactly one, and ids are unique. Questions without an id
// are numbered.
func (z *Quiz) check(d *Decoder, root *yaml.Node) {
	if len(z.Questions) == 0 {
		d.Failf(root, "quiz needs questions")
		return
	}
	seen := map[string]bool{}
	for i := range z.Questions {
		q := &z.Questions[i]
		if q.ID == "" {
			q.ID = strconv.Itoa(i + 1)
		}
		if seen[q.ID] {
			d.Failf(q.node, "question id %q is used twice", q.ID)
		}
		seen[q.ID] = true
		if q.Type == TrueFalse {
			d.trueFalse(q)
		} else {
			d.choices(q)
		}
	}
}

// trueFalse gives a true/false question its two options.
func (d *Decoder) trueFalse(q *Question) {
	if q.optionsNode != nil {
		d.Failf(q.optionsNode, "a true/false question has no options: give answer: true or answer: false")
		return
	}
	if q.answer == nil {
		d.Failf(q.node, "a true/false question is missing the required key \"answer\" (true or false)")
		return
	}
	answer := d.Bool(q.answer)
	q.Options = []Option{
		{Key: "quiz_true", Correct: answer, Feedback: q.feedback["true"]},
		{Key: "quiz_false", Correct: !answer, Feedback: q.feedback["false"]},
	}
}

// choices checks a single- or multiple-choice question.
func (d *Decoder) choices(q *Question) {
	if q.answer != nil {
		d.Failf(q.answer, "answer is for true/false questions; mark the right options with correct: true")
	}
	if q.feedback != nil {
		d.Failf(q.node, "feedback belongs on each option of a %s-choice question", q.Type)
	}
	switch right := len(q.Correct()); {
	case q.optionsNode == nil:
		d.Failf(q.node, "a %s-choice question is missing the required key \"options\"", q.Type)
	case len(q.Options) < 2:
		d.Failf(q.optionsNode, "a question needs at least two options, found %d", len(q.Options))
	case right == 0:
		d.Failf(q.optionsNode, "no option is marked correct: true")
	case right > 1 && q.Type == Single:
		d.Failf(q.optionsNode, "a single-choice question has %d correct options; make it type: multiple, or keep one", right)
	}
}
