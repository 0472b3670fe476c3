package telegram

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"strconv"
	"time"

	"github.com/go-telegram/bot/models"

	"github.com/spotterbot/spotter/bot/inbox"
)

// allowedUpdates are the update kinds Spotter answers.
var allowedUpdates = []string{models.AllowedUpdateMessage, models.AllowedUpdateEditedMessage, models.AllowedUpdateCallbackQuery}

// pollBatch is getUpdates' limit (Telegram's maximum).
const pollBatch = 100

// errFatal marks a poll error no retry can fix (a revoked token).
var errFatal = errors.New("telegram refuses this bot")

// poll is Spotter's own long-poll loop. An update is confirmed to Telegram
// only by the offset of the next getUpdates, and that call is made only after
// the batch is recorded in the inbox; a crash before that makes Telegram send
// the batch again, and the inbox recognises what it already has. A batch
// that cannot be recorded (storage is down) is asked for again, unconfirmed,
// until it can, and its chats are told why they wait (see unrecorded).
func (a *Adapter) poll(ctx context.Context) error {
	defer a.obs.Loop("intake")()
	a.ready.intake.Store(intakePolling)
	var offset int64
	defer func() { a.confirm(ctx, offset) }()
	backoff := time.Duration(0)
	for {
		if err := a.ib.WaitRoom(ctx, pollBatch); err != nil {
			return nil
		}
		if ctx.Err() != nil {
			return nil
		}
		raws, err := a.getUpdates(ctx, offset)
		if ctx.Err() != nil {
			return nil
		}
		a.ready.polled(redact(err, a.cfg.Token), time.Now())
		if errors.Is(err, errFatal) {
			return err
		}
		var tooMany *apiError
		if errors.As(err, &tooMany) && tooMany.retryAfter > 0 {
			if sleep(ctx, time.Duration(tooMany.retryAfter)*time.Second) != nil {
				return nil
			}
			continue
		}
		if err != nil {
			backoff = min(max(2*backoff, 250*time.Millisecond), 10*time.Second)
			a.log.Warn("getUpdates failed, retrying", "in", backoff, "err", redact(err, a.cfg.Token))
			if sleep(ctx, backoff) != nil {
				return nil
			}
			continue
		}
		if len(raws) == 0 {
			backoff = 0
			continue
		}
		rows := make([]inbox.Event, 0, len(raws))
		decoded := make([]*models.Update, 0, len(raws))
		now := time.Now()
		var last int64
		seen := make(map[int64]bool, len(raws))
		for _, raw := range raws {
			u := new(models.Update)
			if err := json.Unmarshal(raw, u); err != nil || u.ID == 0 {
				// Without an id it cannot be recorded or confirmed alone; the
				// next id confirms it. Nothing in it can be answered.
				a.log.Error("unreadable update skipped", "err", err)
				continue
			}
			if seen[u.ID] {
				continue // twice in one answer: one is enough
			}
			seen[u.ID] = true
			rows = append(rows, inbox.Event{ID: u.ID, Key: chatKeyOf(u), Payload: raw, ReceivedAt: now, KeptKey: a.keptKeyOf(u.ID)})
			decoded = append(decoded, u)
			last = max(last, u.ID)
		}
		fresh, err := a.ib.Record(ctx, rows)
		if ctx.Err() != nil {
			return nil // the batch is not confirmed and comes again
		}
		if err != nil {
			// Not confirmed: asked for again, with whatever came since,
			// until it is recorded. Meanwhile their chats are told why.
			a.log.Error("record updates (not confirming them until recorded)", "count", len(rows), "err", err)
			a.unrecorded(decoded, now)
			backoff = min(max(2*backoff, 250*time.Millisecond), 5*time.Second)
			if sleep(ctx, backoff) != nil {
				return nil
			}
			continue
		}
		backoff = 0
		a.enqueue(ctx, rows, decoded, fresh)
		offset = last + 1
	}
}

// confirm tells Telegram, on the way out, that everything before offset is
// recorded, so the next start is not sent it again (it would only be
// recognised and skipped). The one update this call may return is not
// confirmed by it and stays with Telegram.
func (a *Adapter) confirm(ctx context.Context, offset int64) {
	if offset == 0 {
		return
	}
	cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
	defer cancel()
	if _, err := a.getUpdatesWith(cctx, offset, 1, 0); err != nil {
		a.log.Debug("confirm updates on stop", "err", redact(err, a.cfg.Token))
	}
}

// enqueue hands the newly recorded rows to the inbox's queues, in id order;
// decoded[i] is rows[i]'s payload decoded.
func (a *Adapter) enqueue(ctx context.Context, rows []inbox.Event, decoded []*models.Update, fresh []int64) {
	a.obs.UpdatesReceived(len(rows))
	isFresh := make(map[int64]bool, len(fresh))
	for _, id := range fresh {
		isFresh[id] = true
	}
	its := make([]inbox.Item, 0, len(fresh))
	for i, r := range rows {
		if isFresh[r.ID] {
			its = append(its, inbox.Item{Event: r, Decoded: decoded[i]})
		}
	}
	a.ib.Add(ctx, its)
}

// apiError is an error answer of the Bot API to getUpdates.
type apiError struct {
	code       int
	desc       string
	retryAfter int
}

func (e *apiError) Error() string {
	return fmt.Sprintf("telegram getUpdates: %d %s", e.code, e.desc)
}

// getUpdates makes the call the way the library makes every call (a
// multipart form POST to /bot{token}/getUpdates); the library has no public
// getUpdates that leaves confirmation to the caller.
func (a *Adapter) getUpdates(ctx context.Context, offset int64) ([]json.RawMessage, error) {
	return a.getUpdatesWith(ctx, offset, pollBatch, a.cfg.PollTimeout)
}

func (a *Adapter) getUpdatesWith(ctx context.Context, offset int64, limit int, timeout time.Duration) ([]json.RawMessage, error) {
	var body bytes.Buffer
	form := multipart.NewWriter(&body)
	fields := map[string]string{
		"limit":   strconv.Itoa(limit),
		"timeout": strconv.Itoa(int(timeout / time.Second)),
	}
	if offset > 0 {
		fields["offset"] = strconv.FormatInt(offset, 10)
	}
	allowed, _ := json.Marshal(allowedUpdates)
	fields["allowed_updates"] = string(allowed)
	for k, v := range fields {
		if err := form.WriteField(k, v); err != nil {
			return nil, err
		}
	}
	if err := form.Close(); err != nil {
		return nil, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, a.cfg.APIURL+"/bot"+a.cfg.Token+"/getUpdates", &body)
	if err != nil {
		return nil, redact(err, a.cfg.Token)
	}
	req.Header.Set("Content-Type", form.FormDataContentType())
	resp, err := a.cfg.HTTPClient.Do(req)
	if err != nil {
		return nil, redact(err, a.cfg.Token)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, 64<<20))
	if err != nil {
		return nil, fmt.Errorf("read getUpdates answer: %w", err)
	}
	var r struct {
		OK          bool              `json:"ok"`
		Result      []json.RawMessage `json:"result"`
		ErrorCode   int               `json:"error_code"`
		Description string            `json:"description"`
		Parameters  struct {
			RetryAfter int `json:"retry_after"`
		} `json:"parameters"`
	}
	if err := json.Unmarshal(data, &r); err != nil {
		return nil, fmt.Errorf("getUpdates: HTTP %d, unreadable answer: %w", resp.StatusCode, err)
	}
	if !r.OK {
		e := &apiError{code: r.ErrorCode, desc: r.Description, retryAfter: r.Parameters.RetryAfter}
		if e.code == http.StatusUnauthorized || e.code == http.StatusNotFound {
			return nil, fmt.Errorf("%w (check TELEGRAM_BOT_TOKEN): %w", errFatal, e)
		}
		return nil, e
	}
	return r.Result, nil
}
