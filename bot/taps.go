package bot

import "fmt"

// ForeignTap is the note for a button tapped by someone other than the
// member the buttons are for, or "" when the tap may be taken. In a group,
// the buttons under a reply are for the member it answers: another
// member's tap would act on their own log (an Undo would undo the tapper's
// last set, not the one shown). owner is the member the reply answers (the
// zero Identity when unknown: the tap is taken); outside a group every
// button is the tapper's own.
func ForeignTap(group bool, owner, tapper Identity) string {
	if !group || owner.UserID == "" || (owner.Platform == tapper.Platform && owner.UserID == tapper.UserID) {
		return ""
	}
	if owner.Name == "" {
		return "These buttons are another member's."
	}
	return fmt.Sprintf("These buttons are %s's.", owner.Name)
}
