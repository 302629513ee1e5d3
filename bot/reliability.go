package bot

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strings"
	"time"
)

// retryTransport retries what Discord cannot have acted on twice:
//
//   - a connection that was never made (refused, no route, DNS), for any
//     request: nothing reached Discord;
//   - 500, 502, 503 and 504 only for requests a replay cannot duplicate:
//     idempotent methods (GET, PUT, DELETE), PATCH (it edits a message to
//     the same content), interaction callbacks (a second one is refused
//     as already acknowledged), and posts marked replay-safe because they
//     carry a nonce Discord enforces (withReplaySafe).
//
// A 5xx on any other POST (a follow-up message) may come after Discord
// created the message, as a 504 from its gateway does; retrying it posted
// the same answer twice, so it is returned as it is. discordgo's own 502
// retry is turned off (MaxRestRetries 0) so that this is the one rule, and
// discordgo still waits out 429 with retry_after: a 429 was not accepted.
type retryTransport struct {
	next    http.RoundTripper
	retries int
	pause   time.Duration
}

type replaySafeKey struct{}

// withReplaySafe marks a request a retry cannot duplicate.
func withReplaySafe(ctx context.Context) context.Context {
	return context.WithValue(ctx, replaySafeKey{}, true)
}

// replayable reports whether a 5xx answer to r may be retried.
func replayable(r *http.Request) bool {
	switch r.Method {
	case http.MethodGet, http.MethodHead, http.MethodPut, http.MethodDelete, http.MethodOptions, http.MethodPatch:
		return true
	case http.MethodPost:
		if safe, _ := r.Context().Value(replaySafeKey{}).(bool); safe {
			return true
		}
		return strings.Contains(r.URL.Path, "/interactions/") && strings.HasSuffix(r.URL.Path, "/callback")
	}
	return false
}

// notSent reports whether err means the request never reached the server.
func notSent(err error) bool {
	var op *net.OpError
	if errors.As(err, &op) && op.Op == "dial" {
		return true
	}
	var dns *net.DNSError
	return errors.As(err, &dns)
}

func (rt retryTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	pause := rt.pause
	for attempt := 0; ; attempt++ {
		req := r
		if attempt > 0 {
			if r.GetBody != nil {
				body, err := r.GetBody()
				if err != nil {
					return nil, fmt.Errorf("replay request body: %w", err)
				}
				req = r.Clone(r.Context())
				req.Body = body
			} else if r.Body != nil && r.Body != http.NoBody {
				return nil, fmt.Errorf("cannot retry a request whose body cannot be replayed")
			}
		}
		resp, err := rt.next.RoundTrip(req)
		if attempt >= rt.retries {
			return resp, err
		}
		if err != nil {
			if !notSent(err) {
				return resp, err
			}
		} else {
			switch resp.StatusCode {
			case http.StatusInternalServerError, http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
				if !replayable(r) {
					return resp, nil
				}
			default:
				return resp, nil
			}
			resp.Body.Close()
		}
		select {
		case <-time.After(pause):
		case <-r.Context().Done():
			return nil, r.Context().Err()
		}
		pause *= 3
	}
}

// Observer receives what operations wants to count; nil is fine.
type Observer interface {
	Question(answered bool)
	Pinned()
	Feedback(helpful bool)
	Interaction(kind string, took time.Duration)
	Reconnected()
	// Throttled counts a request the per-user rate limit refused, by
	// path ("ask", "mention", "dm", "answer_with_sources", "source", "about").
	Throttled(via string)
}

type noObserver struct{}

func (noObserver) Question(bool)                     {}
func (noObserver) Pinned()                           {}
func (noObserver) Feedback(bool)                     {}
func (noObserver) Interaction(string, time.Duration) {}
func (noObserver) Reconnected()                      {}
func (noObserver) Throttled(string)                  {}
