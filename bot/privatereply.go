package bot

// What a group hears about a Private reply (Reply.Private) that the
// adapter sends to the member privately: the reply itself holds their
// health data and never goes to the group.

// PrivateReplySent tells the group that the answer went to the member's
// private chat.
const PrivateReplySent = "Sent to you in a private chat: it holds your health data."

// PrivateReplyUnsent tells the group that the member's message was handled
// but its answer could not be sent privately (they never opened a private
// chat with the bot, or blocked it), so that nobody sends it again. open
// is the platform's way to open that chat, a clause without a final stop:
// "Open @SpotterBot and tap Start".
func PrivateReplyUnsent(open string) string {
	return "Done, but the answer holds your health data, which I send only in a private chat, " +
		"and I can't write to you there yet (or you blocked me). " + open + ": from then on such answers go there."
}
