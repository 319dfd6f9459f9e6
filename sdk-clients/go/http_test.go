package caravan_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	caravan "github.com/caravan-gateway/caravan/sdk-clients/go"
)

// recorded is one request a fake server received.
type recorded struct {
	method, path, query, idempotencyKey string
	body                                 []byte
}

// fakeServer answers with handler after dropping the connection of the first `drop` requests
// without an answer, and records every request.
type fakeServer struct {
	*httptest.Server
	mu       sync.Mutex
	requests []recorded
}

func newFakeServer(t *testing.T, drop int, handler func(n int, w http.ResponseWriter, r *http.Request)) *fakeServer {
	f := &fakeServer{}
	f.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		f.mu.Lock()
		f.requests = append(f.requests, recorded{r.Method, r.URL.Path, r.URL.RawQuery, r.Header.Get("Idempotency-Key"), body})
		n := len(f.requests)
		f.mu.Unlock()
		if n <= drop {
			conn, _, err := w.(http.Hijacker).Hijack()
			if err == nil {
				conn.Close()
			}
			return
		}
		handler(n, w, r)
	}))
	t.Cleanup(f.Close)
	return f
}

func (f *fakeServer) received() []recorded {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]recorded(nil), f.requests...)
}

func fakeClient(t *testing.T, url string) *caravan.Client {
	c, err := caravan.New(caravan.Options{APIKey: "ck_test", BaseURL: url, RetryBaseDelay: time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func answer(w http.ResponseWriter, status int, body string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = io.WriteString(w, body)
}

const endpointJSON = `{"id":"ep_1","url":"http://127.0.0.1:9/hook","secret":"whsec_AAAA"}`

func TestRetriesADroppedCreateWithOneIdempotencyKey(t *testing.T) {
	f := newFakeServer(t, 2, func(_ int, w http.ResponseWriter, _ *http.Request) { answer(w, 201, endpointJSON) })
	created, err := fakeClient(t, f.URL).Endpoints.Create(testContext(t), &caravan.CreateEndpointRequest{URL: caravan.Ptr("http://127.0.0.1:9/hook")})
	if err != nil {
		t.Fatal(err)
	}
	if created.ID != "ep_1" || created.Secret != "whsec_AAAA" {
		t.Fatalf("created = %+v", created)
	}
	got := f.received()
	if len(got) != 3 {
		t.Fatalf("%d attempts, want 3 (two dropped, one answered)", len(got))
	}
	for _, r := range got {
		if r.idempotencyKey == "" || r.idempotencyKey != got[0].idempotencyKey {
			t.Fatalf("idempotency keys differ across retries: %q vs %q", r.idempotencyKey, got[0].idempotencyKey)
		}
	}
	// The next call is another logical call: another key.
	if _, err := fakeClient(t, f.URL).Endpoints.Create(testContext(t), &caravan.CreateEndpointRequest{URL: caravan.Ptr("http://127.0.0.1:9/hook")}); err != nil {
		t.Fatal(err)
	}
	if k := f.received()[3].idempotencyKey; k == got[0].idempotencyKey {
		t.Fatal("a second call reused the first call's key")
	}
}

func TestCallersIdempotencyKeyIsSent(t *testing.T) {
	f := newFakeServer(t, 1, func(_ int, w http.ResponseWriter, _ *http.Request) {
		answer(w, 200, `{"secret":"whsec_BBBB"}`)
	})
	_, err := fakeClient(t, f.URL).Endpoints.RotateSecret(testContext(t), "ep_1", nil, caravan.WithIdempotencyKey("rotate-42"))
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range f.received() {
		if r.idempotencyKey != "rotate-42" || r.path != "/v1/endpoints/ep_1/secret/rotate" || len(r.body) != 0 {
			t.Fatalf("request = %+v", r)
		}
	}
}

func TestGivesUpAfterMaxRetries(t *testing.T) {
	f := newFakeServer(t, 100, nil)
	_, err := fakeClient(t, f.URL).Tenant.Get(testContext(t))
	var connErr *caravan.ConnectionError
	if !errors.As(err, &connErr) {
		t.Fatalf("err = %v, want a ConnectionError", err)
	}
	if n := len(f.received()); n != 3 {
		t.Fatalf("%d attempts, want 1 + 2 retries", n)
	}
	zero, _ := caravan.New(caravan.Options{APIKey: "k", BaseURL: f.URL, MaxRetries: caravan.Ptr(0)})
	before := len(f.received())
	_, _ = zero.Tenant.Get(testContext(t))
	if n := len(f.received()) - before; n != 1 {
		t.Fatalf("MaxRetries 0 made %d attempts", n)
	}
}

func TestHonoursRetryAfterOn429And503(t *testing.T) {
	f := newFakeServer(t, 0, func(n int, w http.ResponseWriter, _ *http.Request) {
		switch n {
		case 1:
			w.Header().Set("Retry-After", "1")
			answer(w, 429, `{"type":"about:blank","title":"Too Many Requests","status":429,"code":"CARAVAN_RATE_LIMITED"}`)
		case 2:
			answer(w, 503, `{"title":"Unavailable","status":503,"code":"CARAVAN_UNAVAILABLE"}`)
		default:
			answer(w, 200, `{"id":"job_1","type":"bulk_retry","status":"succeeded"}`)
		}
	})
	start := time.Now()
	job, err := fakeClient(t, f.URL).Jobs.Get(testContext(t), "job_1")
	if err != nil {
		t.Fatal(err)
	}
	if job.ID != "job_1" {
		t.Fatalf("job = %+v", job)
	}
	if elapsed := time.Since(start); elapsed < 900*time.Millisecond {
		t.Fatalf("retried after %v, before the second Retry-After asked", elapsed)
	}
	if n := len(f.received()); n != 3 {
		t.Fatalf("%d attempts, want 3", n)
	}
}

func TestALongRetryAfterIsReturnedToTheCaller(t *testing.T) {
	f := newFakeServer(t, 0, func(_ int, w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Retry-After", "3600")
		answer(w, 429, `{"title":"Too Many Requests","status":429,"code":"CARAVAN_RATE_LIMITED"}`)
	})
	_, err := fakeClient(t, f.URL).Jobs.Get(testContext(t), "job_1")
	var apiErr *caravan.APIError
	if !errors.As(err, &apiErr) || apiErr.Status != 429 || apiErr.Header.Get("Retry-After") != "3600" {
		t.Fatalf("err = %v", err)
	}
	if n := len(f.received()); n != 1 {
		t.Fatalf("%d attempts, want 1", n)
	}
}

func TestProblemDetailsBecomeTypedErrorsAndAreNotRetried(t *testing.T) {
	f := newFakeServer(t, 0, func(_ int, w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/problem+json")
		w.WriteHeader(400)
		_, _ = io.WriteString(w, `{"type":"https://caravan.dev/problems/validation-failed","title":"Validation failed","status":400,`+
			`"detail":"1 field is invalid","code":"CARAVAN_VALIDATION_FAILED","errors":[{"field":"/body/url","message":"must be a URL"}],"requestId":"req_1"}`)
	})
	_, err := fakeClient(t, f.URL).Endpoints.Create(testContext(t), &caravan.CreateEndpointRequest{URL: caravan.Ptr("not a url")})
	var apiErr *caravan.APIError
	if !errors.As(err, &apiErr) {
		t.Fatalf("err = %v", err)
	}
	if apiErr.Status != 400 || apiErr.Code != "CARAVAN_VALIDATION_FAILED" || apiErr.Title != "Validation failed" ||
		apiErr.Detail != "1 field is invalid" || apiErr.RequestID != "req_1" || len(apiErr.Errors) != 1 ||
		apiErr.Errors[0].Field != "/body/url" {
		t.Fatalf("apiErr = %+v", apiErr)
	}
	if n := len(f.received()); n != 1 {
		t.Fatalf("%d attempts, want 1", n)
	}
	if !strings.Contains(apiErr.Error(), "CARAVAN_VALIDATION_FAILED") {
		t.Fatal(apiErr.Error())
	}
}

func TestASendKeepsItsGeneratedKeyAcrossRetriesAndItsOwnDuplicateIsNew(t *testing.T) {
	f := newFakeServer(t, 1, func(_ int, w http.ResponseWriter, _ *http.Request) {
		answer(w, 202, `{"id":"evt_1","duplicate":true}`)
	})
	c := fakeClient(t, f.URL)
	sent, err := c.Events.Send(testContext(t), &caravan.SendEventRequest{EventType: "invoice.paid", Payload: json.RawMessage(`{"z":1,"a":2}`)})
	if err != nil {
		t.Fatal(err)
	}
	if sent.ID != "evt_1" || sent.Duplicate {
		t.Fatalf("sent = %+v; the event its own lost attempt made is new for the caller", sent)
	}
	got := f.received()
	var first, second map[string]json.RawMessage
	_ = json.Unmarshal(got[0].body, &first)
	_ = json.Unmarshal(got[1].body, &second)
	if len(first["idempotencyKey"]) < 10 || string(first["idempotencyKey"]) != string(second["idempotencyKey"]) {
		t.Fatalf("keys %s, %s", first["idempotencyKey"], second["idempotencyKey"])
	}
	if string(first["payload"]) != `{"z":1,"a":2}` {
		t.Fatalf("payload bytes changed: %s", first["payload"])
	}
	// A key the caller chose is the caller's: a duplicate stays a duplicate.
	again, err := c.Events.Send(testContext(t), &caravan.SendEventRequest{EventType: "invoice.paid", Payload: 1, IdempotencyKey: caravan.Ptr("k1")})
	if err != nil || !again.Duplicate {
		t.Fatalf("again = %+v, %v", again, err)
	}
}

func TestABatchDerivesOneKeyPerEvent(t *testing.T) {
	f := newFakeServer(t, 1, func(_ int, w http.ResponseWriter, _ *http.Request) {
		answer(w, 202, `{"data":[{"id":"evt_1","duplicate":true},{"id":"evt_2","duplicate":true}]}`)
	})
	batch, err := fakeClient(t, f.URL).Events.SendBatch(testContext(t), &caravan.SendEventBatchRequest{Events: []caravan.SendEventRequest{
		{EventType: "a", Payload: 1},
		{EventType: "b", Payload: 2, IdempotencyKey: caravan.Ptr("mine")},
	}}, caravan.WithIdempotencyKey("job-7"))
	if err != nil {
		t.Fatal(err)
	}
	var body struct {
		Events []struct {
			IdempotencyKey string `json:"idempotencyKey"`
		} `json:"events"`
	}
	_ = json.Unmarshal(f.received()[1].body, &body)
	if body.Events[0].IdempotencyKey != "job-7-0" || body.Events[1].IdempotencyKey != "mine" {
		t.Fatalf("keys = %+v", body.Events)
	}
	if !batch.Data[0].Duplicate || !batch.Data[1].Duplicate {
		t.Fatal("with the caller's own key, duplicates are reported as they are")
	}
}

func TestATimedOutAttemptIsRetriedAndCancellationEndsTheCall(t *testing.T) {
	f := newFakeServer(t, 0, func(n int, w http.ResponseWriter, r *http.Request) {
		if n == 1 {
			select {
			case <-time.After(2 * time.Second):
			case <-r.Context().Done():
			}
			return
		}
		answer(w, 200, `{"id":"job_1"}`)
	})
	c := fakeClient(t, f.URL)
	job, err := c.Jobs.Get(testContext(t), "job_1", caravan.WithTimeout(200*time.Millisecond))
	if err != nil || job.ID != "job_1" {
		t.Fatalf("job = %+v, %v", job, err)
	}
	slow := newFakeServer(t, 0, func(_ int, w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Retry-After", "30")
		answer(w, 503, `{"code":"CARAVAN_UNAVAILABLE","status":503,"title":"Unavailable"}`)
	})
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err = fakeClient(t, slow.URL).Jobs.Get(ctx, "job_1")
	if !errors.Is(err, context.DeadlineExceeded) || time.Since(start) > 5*time.Second {
		t.Fatalf("err = %v after %v", err, time.Since(start))
	}
}

func TestPagerWalksEveryPageWithTheSameFilters(t *testing.T) {
	f := newFakeServer(t, 0, func(_ int, w http.ResponseWriter, r *http.Request) {
		cursor := r.URL.Query().Get("cursor")
		next := map[string]string{"": `"c1"`, "c1": `"c2"`, "c2": "null"}[cursor]
		answer(w, 200, fmt.Sprintf(`{"data":[{"id":"dlv_%s"}],"nextCursor":%s}`, cursor, next))
	})
	c := fakeClient(t, f.URL)
	params := &caravan.ListDeliveriesParams{Status: []caravan.DeliveryStatus{caravan.DeliveryStatusFailed, caravan.DeliveryStatusDiscarded}, Limit: caravan.Ptr(1)}
	page, err := c.Deliveries.List(testContext(t), params).Page()
	if err != nil || len(page.Data) != 1 || page.NextCursor == nil || *page.NextCursor != "c1" {
		t.Fatalf("page = %+v, %v", page, err)
	}
	var ids []string
	for d, err := range c.Deliveries.List(testContext(t), params).All() {
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, d.ID)
	}
	if strings.Join(ids, ",") != "dlv_,dlv_c1,dlv_c2" {
		t.Fatalf("ids = %v", ids)
	}
	for _, r := range f.received()[1:] {
		if !strings.Contains(r.query, "status=failed&status=discarded") || !strings.Contains(r.query, "limit=1") {
			t.Fatalf("a page lost the filters: %s", r.query)
		}
	}
}
