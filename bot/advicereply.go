package bot

import "github.com/spotterbot/spotter/engine"

// VerdictReply is the reply /advice LIFT gives for verdict v: its words
// (bot/words), kept in the chat.
func VerdictReply(v engine.Verdict) Reply { return Reply{Text: renderVerdict(v), Keep: true} }

// AdviceReply is the reply /advice gives for the verdicts of every lift: a
// line per lift and a button per lift to open its verdict. plan is read
// only for a whole-body deload's headline; u is the lifter's unit. vs
// must not be empty.
func AdviceReply(vs []engine.Verdict, plan engine.PlanStatus, u engine.Unit) Reply {
	return adviceSummary(vs, plan, u)
}
