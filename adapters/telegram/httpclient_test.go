package telegram_test

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/spotterbot/spotter/adapters/telegram"
)

// The library streams its forms through a pipe (a body of unknown length);
// the client sends a small one whole, with its length, and a large one
// streamed, both intact.
func TestHTTPClientSendsSmallBodiesWhole(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		data, err := io.ReadAll(r.Body)
		if err != nil {
			http.Error(w, err.Error(), 500)
			return
		}
		fmt.Fprintf(w, "%d %s %x", r.ContentLength, strings.Join(r.TransferEncoding, ","), sha256.Sum256(data))
	}))
	defer srv.Close()
	client := telegram.NewHTTPClient(time.Second)
	for _, c := range []struct {
		name    string
		size    int
		chunked bool
	}{{"a reply", 700, false}, {"an export", 3 << 20, true}} {
		data := bytes.Repeat([]byte("0123456789abcdef"), c.size/16)
		pr, pw := io.Pipe()
		go func() {
			for i := 0; i < len(data); i += 100 { // many small writes, as a multipart writer makes
				pw.Write(data[i:min(i+100, len(data))])
			}
			pw.Close()
		}()
		req, err := http.NewRequest(http.MethodPost, srv.URL, pr)
		if err != nil {
			t.Fatal(err)
		}
		resp, err := client.Do(req)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		got, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		want := fmt.Sprintf("%d  %x", len(data), sha256.Sum256(data))
		if c.chunked {
			want = fmt.Sprintf("-1 chunked %x", sha256.Sum256(data))
		}
		if string(got) != want {
			t.Errorf("%s: server saw %q, want %q", c.name, got, want)
		}
	}
}
