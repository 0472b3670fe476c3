package bot

import "strings"

// command is one entry of the routing table.
type command struct {
	name    string
	handler func(b *Bot) handler
	usage   string // first line of /help: syntax
	short   string // one-line description (also the Telegram command menu)
	help    string // examples for /help COMMAND
}

// commands is the whole surface of the bot, in the order /help lists it.
func (b *Bot) commands() []command {
	return []command{
		{"start", func(b *Bot) handler { return b.start }, "/start", "Welcome and the settings that matter",
			"/start"},
		{"log", func(b *Bot) handler { return b.logSets }, "/log [DATE] LIFT SETS [EFFORT] [rest TIME] [#TAG]", "Log sets: /log squat 100x5 rir2",
			"/log squat 100x5 rir2\n/log squat 100x5@8 (load x reps @ RPE)\n/log bench 3x5@80 rpe8 rest 3m (sets x reps @ load)\n/log yesterday deadlift 140x5x3 @8 #travel\n/log squat w60x5 w80x3 100x5 105x3 rir1\n/log pull-up bw+20x5 bwx8\n/log squat 100x5 rir2 \"felt fast, belt\" (a note, in quotes)\nLoads default to your unit (/settings units); 100kg and 225lb work too."},
		{"checkin", func(b *Bot) handler { return b.checkin }, "/checkin [DATE] [sleep good|ok|poor] [soreness none|normal|high] [joints ok|irritated] [motivation high|normal|low] [warmup light|normal|heavy] [rhr BPM] [hrv MS] [slept HOURS] [bw WEIGHT] [#TAG]", "Daily readiness check-in",
			"/checkin (asks one question at a time)\n/checkin sleep poor soreness high rhr 58\n/checkin yesterday slept 5.5 #travel\n/checkin sleep good bw 82.5 (your body weight, as /bw)"},
		{"bw", func(b *Bot) handler { return b.bodyWeight }, "/bw [DATE] WEIGHT", "Log your body weight: /bw 82.5",
			"/bw 82.5 (your unit; 82.5kg and 180lb work too)\n/bw yesterday 82.1\n/bw (your trend, as /history bw)\nOne a day: a second one that day replaces the first. Bodyweight lifts (pull-up bw+10x5) then count it in their e1RM; /checkin bw 82.5 logs it too."},
		{"note", func(b *Bot) handler { return b.note }, "/note TEXT", "A note on today's session",
			"/note felt fast, belt (on your latest session today; a note on the day when none)\n/log squat 100x5 rir2 \"felt fast, belt\" (a note with the sets, in quotes)\nUp to 500 characters; /history shows notes under their session, /export keeps them."},
		{"advice", func(b *Bot) handler { return b.advice }, "/advice [LIFT]", "PUSH, HOLD or DELOAD, with the numbers",
			"/advice\n/advice squat"},
		{"today", func(b *Bot) handler { return b.today }, "/today [ROUTINE]", "What to do today: your lifts' next sessions",
			"/today (the lifts you train on this weekday, each with its next session)\n/today push (a saved routine, as /routine push)"},
		{"routine", func(b *Bot) handler { return b.routine }, "/routine [NAME] · /routine save NAME LIFT, LIFT · /routine delete NAME", "Saved lists of lifts, with next sessions",
			"/routine save push bench, overhead press, dip\n/routine push (each lift's next session)\n/routine (lists yours)\n/routine delete push"},
		{"rest", func(b *Bot) handler { return b.rest }, "/rest [TIME|off]", "A rest timer: \"Rest over\" after the time",
			"/rest 3m\n/rest 90s\n/rest 2:30 squat (says what is next)\n/rest (time left)\n/rest off\nFrom 10 seconds to 30 minutes. /settings timer on starts one on every /log of today with rest 3m."},
		{"undo", func(b *Bot) handler { return b.undo }, "/undo", "Remove the last thing you logged",
			"/undo"},
		{"history", func(b *Bot) handler { return b.history }, "/history [LIFT] [N]", "Your last sessions",
			"/history\n/history bench 5\n/history bw (body weight: latest, 7- and 30-day averages, last weigh-ins)"},
		{"lifts", func(b *Bot) handler { return b.lifts }, "/lifts", "Your lifts: kind, variation, aliases, sets",
			"/lifts"},
		{"lift", func(b *Bot) handler { return b.lift }, "/lift rename|merge|alias|kind|variation ...", "Rename, merge, alias or classify a lift",
			"/lift rename sqaut -> squat (NEW must be new; else merge)\n/lift merge squat (barbell) into squat (its sets become squat's)\n/lift alias ssb safety bar squat (then /log ssb 100x5)\n/lift alias ssb off\n/lift kind leg press lower isolation (or auto)\n/lift variation safety bar squat of squat (or off)\nA name with spaces runs up to the word into, of, -> or to; or put it in quotes: /lift rename \"zercher\" -> \"zercher squat\""},
		{"edit", func(b *Bot) handler { return b.editEntry }, "/edit #HANDLE SETS", "Replace the sets of a session",
			"/edit #2s 100x5x3 rir2 (the handle is what /history shows after a session; sets as /log takes them)\n/edit #2s (shows it, with a Delete button)\n/undo takes an edit back."},
		{"delete", func(b *Bot) handler { return b.deleteEntry }, "/delete [#HANDLE]", "Delete a session",
			"/delete #2s\n/delete (your latest sessions, a button each)\n/undo brings it back."},
		{"plan", func(b *Bot) handler { return b.plan }, "/plan", "Weeks since the last deload, the next one",
			"/plan"},
		{"deload", func(b *Bot) handler { return b.deload }, "/deload now|done|skip", "Start, end or skip a deload",
			"/deload now\n/deload done\n/deload skip"},
		{"records", func(b *Bot) handler { return b.records }, "/records [LIFT]", "Your best e1RM per lift; a lift's rep records",
			"/records\n/records squat\nRecords count loaded working sets (not warm-ups or bodyweight sets), imported history too. /log names a new one when a session sets it."},
		{"plates", func(b *Bot) handler { return b.platesCmd }, "/plates [LOAD]", "Plates per side for a load, from your bar and plates",
			"/plates 172.5\n/plates 225lb\n/plates (your bar and plates)\nSet yours: /settings bar 15, /settings plates 25 20 15 10 5 2.5 1.25 (20x4: four pairs owned; a plate alone: as many as needed), /settings plates show on (plates under /advice LIFT for barbell lifts)."},
		{"chart", func(b *Bot) handler { return b.chart }, "/chart LIFT", "A picture of your e1RM over time",
			"/chart squat\n/chart bench\n/chart bw (body weight over time)\nDots are sessions, the line is the trend, triangles are personal records, shaded weeks are deloads; the strip below shows readiness on check-in days."},
		{"import", func(b *Bot) handler { return b.importCSV }, "/import [kg|lb] (with a CSV attached) · /import undo", "Bring in your Strong, Hevy, FitNotes or Liftosaur history",
			"/import with the app's CSV export attached (send the file with /import as its caption)\n/import lb for a Strong export in pounds (the file does not say its unit)\nImporting the same file again adds nothing; Undo import removes it.\nA row with an impossible value (877777 reps, a date after today) is skipped and listed by line; a file of mostly such rows is refused.\nFiles up to 20 MB and 200,000 rows."},
		{"export", func(b *Bot) handler { return b.exportCSV }, "/export", "Everything you logged, as a CSV file",
			"/export\nOne CSV of every set, check-in, deload, body weight and note, loads in your unit; /import brings it back into any Spotter account."},
		{"forget", func(b *Bot) handler { return b.forget }, "/forget", "Delete every record of you (asks first)",
			"/forget then tap Delete everything, or type DELETE\n/forget cancel"},
		{"settings", func(b *Bot) handler { return b.settings }, "/settings [NAME VALUE]", "Units, level, time zone, poll, deloads, rep ranges, plates, timer",
			"/settings\n/settings units lb\n/settings level advanced\n/settings tz Europe/Berlin\n/settings poll 07:30\n/settings poll off\n/settings deload every 6w\n/settings deload style volume\n/settings increment 1.25\n/settings range squat 3-5 (your rep range for a lift; advice adds load at its top)\n/settings range paused squat 2-4\n/settings range squat off\n/settings range (lists your ranges)\n/settings bar 15 (your bar, for /plates)\n/settings plates 25 20 15 10 5 2.5 1.25 (20x4: four pairs owned)\n/settings plates show on (plates under /advice LIFT)\n/settings bar default · /settings plates default\n/settings timer on (a /log with rest 3m starts the rest timer)"},
		{"link", func(b *Bot) handler { return b.link }, "/link [CODE]", "Join your accounts on two platforms",
			"/link (gives a one-time code)\n/link K7P2XQ9M (the code, sent on your other platform)"},
		{"team", func(b *Bot) handler { return b.team }, "/team setup|join|leave|coach-role|status", "Discord teams: daily check-in, coach view",
			"/team setup #training 07:30 Europe/Berlin\n/team join\n/team leave\n/team coach-role @Coaches\n/team status"},
		{"help", func(b *Bot) handler { return b.help }, "/help [COMMAND]", "Help and examples",
			"/help\n/help log"},
	}
}

// byPath is the usage and examples of a command that takes a file, where
// files are typed as paths (Message.FilesByPath); "" for the others, whose
// usual help serves everywhere.
func byPath(name string) (usage, help string) {
	switch name {
	case "import":
		return "/import [kg|lb] PATH · /import undo",
			importByPathExample + " (your app's CSV export; ~ is your home folder)\n" +
				"/import lb ~/Downloads/strong.csv for a Strong export in pounds (the file does not say its unit)\n" +
				"Importing the same file again adds nothing; /import undo removes your latest import.\nFiles up to 20 MB and 200,000 rows."
	}
	return "", ""
}

// tap is the data of a button the bot puts under a reply: the text a tap
// sends back. Each is a command of the table above, often with arguments
// nobody types (an entry id, a day); listing them here keeps the whole
// surface on one screen. TestEveryButtonIsRouted checks that every Button
// the bot builds is one of these, and that each of these is built somewhere.
type tap struct {
	data    string // the button's data; variable parts in capitals (ID, LIFT, DAY)
	command string // the command of the table above that answers it
	from    string // the reply the button sits under
}

// taps are the buttons, by the command that answers them.
func taps() []tap {
	return []tap{
		{"/log LIFT SETS", "log", "a /log's question before storing: Did you mean, a new lift, a far-off set or swapped load and reps (logcheck.go)"},
		{"/checkin FIELD ANSWER", "checkin", "the interactive check-in's answers (/checkin, the daily poll)"},
		{"/checkin skip", "checkin", "the interactive check-in's skip"},
		{"/advice LIFT", "advice", "/advice's lifts (a menu: the buttons stay)"},
		{"/undo ID", "undo", "Undo under /log, /bw, /note, /edit and /delete; Undo import under /import (undoes that entry, not the latest)"},
		{"/delete #HANDLE", "delete", "/edit #HANDLE's Delete; /delete's list of sessions"},
		{"/plan", "plan", "the ease-back nudge's Show my plan"},
		{"/deload now", "deload", "the planned-deload nudge's Start deload"},
		{"/deload skip", "deload", "the planned-deload nudge's Skip this one"},
		{"/routine save NAME LIFT, LIFT", "routine", "/routine save's Did you mean"},
		{"/forget confirm", "forget", "/forget's Delete everything"},
		{"/forget cancel", "forget", "/forget's Cancel"},
		{"/settings poll HH:MM", "settings", "/start's poll times"},
		{"/team checkin DAY ANSWER", "team", "the team post's Ready, OK and Fatigued; its Details form's fields follow DAY (Discord)"},
		{"/team details DAY", "team", "the team post's Details… (Discord opens a form instead: TeamDetailsDay)"},
	}
}

// pendingAnswer routes text sent without a command while the user's
// pending question (User.Pending) starts with prefix.
type pendingAnswer struct {
	prefix  string
	handler func(b *Bot) handler
	what    string
}

// pendingAnswers are the questions a typed answer continues. (A /log's
// questions, Did you mean and the far-off set, are no pending state: their
// answers are the taps "/log ..." above, or the command typed again.)
func pendingAnswers() []pendingAnswer {
	return []pendingAnswer{
		{pendingForget, func(b *Bot) handler { return b.forgetAnswer }, "/forget: the word DELETE confirms within 10 minutes, anything else keeps everything"},
		{pendingCheckin, func(b *Bot) handler { return b.answerPending }, "the interactive check-in: an answer to its question, skip or stop"},
	}
}

// route picks the handler for a command name. Text without a command answers
// a pending question (pendingAnswers) or explains what to send.
func (b *Bot) route(name string, u User) handler {
	if name == "" {
		if u.Pending == "" {
			return b.notACommand
		}
		for _, p := range pendingAnswers() {
			if strings.HasPrefix(u.Pending, p.prefix) {
				return p.handler(b)
			}
		}
		// A question this version does not ask (stored by an older one):
		// answerPending forgets it and reads the text as usual.
		return b.answerPending
	}
	for _, c := range b.commands() {
		if c.name == name {
			return c.handler(b)
		}
	}
	return b.unknownCommand(name)
}
