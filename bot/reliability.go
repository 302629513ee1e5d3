package bot

import (
	"fmt"
	"net/http"
	"time"
)

// retryTransport retries requests Discord answered with 500, 503 or 504,
// a few times with growing pauses. (discordgo itself retries 502 and waits
// out 429 using retry_after.) A retried interaction callback that Discord
// had in fact accepted is refused as already acknowledged: harmless.
type retryTransport struct {
	next    http.RoundTripper
	retries int
	pause   time.Duration
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
		if err != nil || attempt >= rt.retries {
			return resp, err
		}
		switch resp.StatusCode {
		case http.StatusInternalServerError, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		default:
			return resp, nil
		}
		resp.Body.Close()
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
}

type noObserver struct{}

func (noObserver) Question(bool)                     {}
func (noObserver) Pinned()                           {}
func (noObserver) Feedback(bool)                     {}
func (noObserver) Interaction(string, time.Duration) {}
func (noObserver) Reconnected()                      {}
