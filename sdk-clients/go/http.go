package caravan

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	mrand "math/rand/v2"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// maxRetryAfter is the longest Retry-After the client waits for; a longer one is returned to the caller.
const maxRetryAfter = time.Minute

// operation is one call of an operation of the spec, as the generated methods describe it.
type operation struct {
	operationID       string
	method            string
	path              string
	query             url.Values
	idempotencyHeader bool
	// bodyKey says where an ingest body carries its own idempotency key: "event" or "batch".
	bodyKey string
}

// httpClient sends operation calls with the key, a per-attempt timeout and retries. Every retry of one call
// sends the same idempotency key, so a POST whose first answer was lost never acts twice.
type httpClient struct {
	apiKey         string
	baseURL        string
	timeout        time.Duration
	maxRetries     int
	retryBaseDelay time.Duration
	http           *http.Client
}

// bodyOf keeps a nil request body nil (rather than a typed nil in an interface).
func bodyOf[T any](body *T) any {
	if body == nil {
		return nil
	}
	return body
}

func jsonUnmarshal(data []byte, v any) error {
	if len(data) == 0 {
		return nil
	}
	return json.Unmarshal(data, v)
}

func (c *httpClient) do(ctx context.Context, op operation, body any, out any, opts []RequestOption) error {
	var o requestOptions
	for _, opt := range opts {
		opt(&o)
	}
	generatedKey := o.idempotencyKey == ""
	key := o.idempotencyKey
	if generatedKey {
		key = newUUID()
	}
	var payload []byte
	var keyed []bool // which events of an ingest body got the call's key
	if body != nil {
		raw, err := json.Marshal(body)
		if err != nil {
			return fmt.Errorf("caravan: encoding the %s body: %w", op.operationID, err)
		}
		if op.bodyKey != "" {
			if raw, keyed, err = withIngestKeys(op.bodyKey, raw, key); err != nil {
				return err
			}
		}
		payload = raw
	}
	target := c.baseURL + op.path
	if len(op.query) > 0 {
		target += "?" + op.query.Encode()
	}
	header := http.Header{}
	header.Set("Authorization", "Bearer "+c.apiKey)
	header.Set("Accept", "application/json")
	if op.idempotencyHeader {
		header.Set("Idempotency-Key", key)
	}
	if payload != nil {
		header.Set("Content-Type", "application/json")
	}
	maxRetries, timeout := c.maxRetries, c.timeout
	if o.maxRetries != nil {
		maxRetries = max(0, *o.maxRetries)
	}
	if o.timeout > 0 {
		timeout = o.timeout
	}
	for attempt := 0; ; attempt++ {
		answer, err := c.attempt(ctx, op.method, target, header, payload, timeout)
		if err == nil {
			if out == nil {
				return nil
			}
			if attempt > 0 && generatedKey && op.bodyKey != "" {
				// The key was this call's own: a duplicate found by a retry is the lost first attempt.
				answer = ownDuplicatesAsNew(op.bodyKey, answer, keyed)
			}
			if err := jsonUnmarshal(answer, out); err != nil {
				return fmt.Errorf("caravan: decoding the %s answer: %w", op.operationID, err)
			}
			return nil
		}
		wait, retry := c.retryDelay(err, attempt, maxRetries)
		if !retry {
			return err
		}
		timer := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			timer.Stop()
			return ctx.Err()
		case <-timer.C:
		}
	}
}

func (c *httpClient) attempt(ctx context.Context, method, target string, header http.Header, payload []byte, timeout time.Duration) ([]byte, error) {
	actx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	var reader io.Reader
	if payload != nil {
		reader = bytes.NewReader(payload)
	}
	req, err := http.NewRequestWithContext(actx, method, target, reader)
	if err != nil {
		return nil, err
	}
	req.Header = header.Clone()
	res, err := c.http.Do(req)
	var answer []byte
	if err == nil {
		answer, err = io.ReadAll(res.Body)
		res.Body.Close()
	}
	if err != nil {
		// The caller's own cancellation is not a failure to retry: it ends the call.
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, &ConnectionError{Method: method, URL: target, Err: err, Timeout: errors.Is(actx.Err(), context.DeadlineExceeded)}
	}
	if res.StatusCode >= 300 {
		return nil, newAPIError(res.StatusCode, answer, res.Header)
	}
	return answer, nil
}

// retryDelay says whether another attempt of the same call may succeed, and after how long.
func (c *httpClient) retryDelay(err error, attempt, maxRetries int) (time.Duration, bool) {
	if attempt >= maxRetries || !isRetriable(err) {
		return 0, false
	}
	var apiErr *APIError
	if errors.As(err, &apiErr) {
		if wait, ok := retryAfter(apiErr.Header, time.Now()); ok {
			return wait, wait <= maxRetryAfter
		}
	}
	return backoff(attempt, c.retryBaseDelay), true
}

func isRetriable(err error) bool {
	var connErr *ConnectionError
	if errors.As(err, &connErr) {
		return true
	}
	var apiErr *APIError
	if !errors.As(err, &apiErr) {
		return false
	}
	// A retry that overtakes the first attempt (still running server-side after a timeout) sees this.
	if apiErr.Code == "CARAVAN_IDEMPOTENCY_REQUEST_IN_PROGRESS" {
		return true
	}
	return apiErr.Status == http.StatusTooManyRequests || apiErr.Status >= 500
}

// retryAfter is the wait the server asked for (Retry-After: seconds or an HTTP date), if it did.
func retryAfter(header http.Header, now time.Time) (time.Duration, bool) {
	value := strings.TrimSpace(header.Get("Retry-After"))
	if value == "" {
		return 0, false
	}
	if seconds, err := strconv.Atoi(value); err == nil && seconds >= 0 {
		return time.Duration(seconds) * time.Second, true
	}
	at, err := http.ParseTime(value)
	if err != nil {
		return 0, false
	}
	return max(0, at.Sub(now)), true
}

// backoff is exponential with full jitter: up to base·2^attempt, capped at 8 s.
func backoff(attempt int, base time.Duration) time.Duration {
	ceiling := min(8*time.Second, base<<min(attempt, 20))
	return time.Duration(mrand.Int64N(int64(ceiling) + 1))
}

func newUUID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:])
}

// withIngestKeys gives an ingest body without its own idempotencyKey one derived from the call's key,
// fixed before the first attempt, so a retried send maps to the same event. The payloads' bytes stay as
// they were encoded.
func withIngestKeys(kind string, raw []byte, key string) ([]byte, []bool, error) {
	var body map[string]json.RawMessage
	if err := json.Unmarshal(raw, &body); err != nil {
		return nil, nil, err
	}
	if kind == "event" {
		if _, ok := body["idempotencyKey"]; ok {
			return raw, []bool{false}, nil
		}
		body["idempotencyKey"], _ = json.Marshal(key)
		out, err := json.Marshal(body)
		return out, []bool{true}, err
	}
	var events []map[string]json.RawMessage
	if err := json.Unmarshal(body["events"], &events); err != nil {
		return nil, nil, err
	}
	keyed := make([]bool, len(events))
	for i, event := range events {
		if _, ok := event["idempotencyKey"]; !ok {
			event["idempotencyKey"], _ = json.Marshal(fmt.Sprintf("%s-%d", key, i))
			keyed[i] = true
		}
	}
	body["events"], _ = json.Marshal(events)
	out, err := json.Marshal(body)
	return out, keyed, err
}

func ownDuplicatesAsNew(kind string, answer []byte, keyed []bool) []byte {
	notDuplicate := json.RawMessage("false")
	var result map[string]json.RawMessage
	if json.Unmarshal(answer, &result) != nil {
		return answer
	}
	if kind == "event" {
		result["duplicate"] = notDuplicate
	} else {
		var data []map[string]json.RawMessage
		if json.Unmarshal(result["data"], &data) != nil {
			return answer
		}
		for i := range data {
			if i < len(keyed) && keyed[i] {
				data[i]["duplicate"] = notDuplicate
			}
		}
		result["data"], _ = json.Marshal(data)
	}
	out, err := json.Marshal(result)
	if err != nil {
		return answer
	}
	return out
}
