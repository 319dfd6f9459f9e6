package caravan

import (
	"net/http"
	"testing"
	"time"
)

func TestRetryAfterReadsSecondsOrAnHTTPDate(t *testing.T) {
	now := time.Date(2026, 12, 6, 3, 0, 0, 0, time.UTC)
	cases := []struct {
		value string
		want  time.Duration
		ok    bool
	}{
		{"7", 7 * time.Second, true},
		{"Sun, 06 Dec 2026 03:00:30 GMT", 30 * time.Second, true},
		{"Sun, 06 Dec 2026 02:00:00 GMT", 0, true},
		{"soon", 0, false},
		{"", 0, false},
	}
	for _, c := range cases {
		h := http.Header{}
		if c.value != "" {
			h.Set("Retry-After", c.value)
		}
		got, ok := retryAfter(h, now)
		if got != c.want || ok != c.ok {
			t.Errorf("retryAfter(%q) = %v, %v; want %v, %v", c.value, got, ok, c.want, c.ok)
		}
	}
}

func TestBackoffIsExponentialWithJitterAndCapped(t *testing.T) {
	for attempt := 0; attempt < 40; attempt++ {
		ceiling := min(8*time.Second, 500*time.Millisecond<<min(attempt, 20))
		for range 20 {
			if d := backoff(attempt, 500*time.Millisecond); d < 0 || d > ceiling {
				t.Fatalf("backoff(%d) = %v, over %v", attempt, d, ceiling)
			}
		}
	}
}
