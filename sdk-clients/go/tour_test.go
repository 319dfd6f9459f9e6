package caravan_test

import (
	"bufio"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	caravan "github.com/caravan-gateway/caravan/sdk-clients/go"
)

// tour is the five-minute tour of README.md: the lines between the tour markers are quoted there verbatim,
// inside a main function that defines ctx, apiKey, baseURL, port, onVerified and check.
func tour(ctx context.Context, apiKey, baseURL string, port int, onVerified func(id string, payload any), check func(error)) (*caravan.Client, *http.Server) {
	// tour:start
	client, err := caravan.New(caravan.Options{APIKey: apiKey, BaseURL: baseURL})
	check(err)
	endpoint, err := client.Endpoints.Create(ctx, &caravan.CreateEndpointRequest{URL: caravan.Ptr(fmt.Sprintf("http://127.0.0.1:%d/hook", port))})
	check(err)

	// Your customer's receiver: checks each webhook against the endpoint's secret, over the exact bytes.
	webhook, err := caravan.NewWebhook(endpoint.Secret)
	check(err)
	receiver := &http.Server{Addr: fmt.Sprintf("127.0.0.1:%d", port), Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		var payload any
		if webhook.Verify(body, r.Header) != nil || json.Unmarshal(body, &payload) != nil {
			w.WriteHeader(http.StatusBadRequest) // forged, altered or stale: Caravan retries, then gives up
			return
		}
		onVerified(r.Header.Get("webhook-id"), payload)
		w.WriteHeader(http.StatusNoContent)
	})}
	go receiver.ListenAndServe()

	_, err = client.Events.Send(ctx, &caravan.SendEventRequest{EventType: "invoice.paid", Payload: map[string]any{"invoiceId": "in_1", "amount": 12500}})
	check(err)
	// tour:end
	return client, receiver
}

// tenantKey creates a tenant and an API key for it on the live caravan dev.
func tenantKey(t *testing.T, dev *devServer) string {
	t.Helper()
	admin, err := caravan.New(caravan.Options{APIKey: dev.AdminKey, BaseURL: dev.URL})
	must(t, err)
	tenant, err := admin.Tenants.Create(testContext(t), &caravan.CreateTenantRequest{Name: "Acme"})
	must(t, err)
	key, err := admin.APIKeys.Create(testContext(t), tenant.ID, &caravan.CreateAPIKeyRequest{Name: caravan.Ptr("backend")})
	must(t, err)
	return key.Key
}

func TestTourOnCaravanDev(t *testing.T) {
	dev := startedDev(t)
	ctx := testContext(t)
	port, err := freePort()
	must(t, err)
	type verified struct {
		id      string
		payload any
	}
	var mu sync.Mutex
	var got []verified
	client, receiver := tour(ctx, tenantKey(t, dev), dev.URL, port, func(id string, payload any) {
		mu.Lock()
		defer mu.Unlock()
		got = append(got, verified{id, payload})
	}, func(err error) { must(t, err) })
	t.Cleanup(func() { _ = receiver.Close() })
	count := func() int { mu.Lock(); defer mu.Unlock(); return len(got) }
	waitFor(t, "the receiver to verify a webhook", 60*time.Second, func() bool { return count() > 0 })
	first := got[0]
	if fmt.Sprint(first.payload) != "map[amount:12500 invoiceId:in_1]" {
		t.Fatalf("payload = %v", first.payload)
	}
	events, err := client.Events.List(ctx, &caravan.ListEventsParams{EventType: caravan.Ptr("invoice.paid")}).Page()
	must(t, err)
	if len(events.Data) != 1 || events.Data[0].ID != first.id {
		t.Fatalf("webhook-id is not the id of the event sent: %v", events.Data)
	}
	// A request Caravan did not sign is refused.
	forged, _ := http.NewRequest("POST", fmt.Sprintf("http://127.0.0.1:%d/hook", port), strings.NewReader(`{"invoiceId":"in_1","amount":1}`))
	forged.Header.Set("webhook-id", first.id)
	forged.Header.Set("webhook-timestamp", strconv.FormatInt(time.Now().Unix(), 10))
	forged.Header.Set("webhook-signature", "v1,"+base64.StdEncoding.EncodeToString(make([]byte, 32)))
	res, err := http.DefaultClient.Do(forged)
	must(t, err)
	res.Body.Close()
	if res.StatusCode != 400 || count() != 1 {
		t.Fatalf("the forged request answered %d", res.StatusCode)
	}
	deliveries, err := client.Deliveries.List(ctx, &caravan.ListDeliveriesParams{EventID: caravan.Ptr(first.id)}).Page()
	must(t, err)
	waitFor(t, "the delivery to be recorded as succeeded", 60*time.Second, func() bool {
		d, err := client.Deliveries.Get(ctx, deliveries.Data[0].ID)
		return err == nil && d.Status == caravan.DeliveryStatusSucceeded
	})
}

func tourBody(t *testing.T) (source, readme string) {
	t.Helper()
	raw, err := os.ReadFile("tour_test.go")
	must(t, err)
	m := regexp.MustCompile(`(?s)// tour:start\n(.*?)\n\s*// tour:end`).FindStringSubmatch(string(raw))
	if m == nil {
		t.Fatal("no tour markers in tour_test.go")
	}
	doc, err := os.ReadFile("README.md")
	must(t, err)
	return m[1], string(doc)
}

func TestReadmeQuotesTheTour(t *testing.T) {
	body, readme := tourBody(t)
	if !strings.Contains(readme, body) {
		t.Fatal("copy the lines between the tour markers of tour_test.go into README.md")
	}
}

// The README's program, built in a scratch module that requires this SDK, runs on caravan dev.
func TestReadmeTourRunsFromAScratchModule(t *testing.T) {
	_, readme := tourBody(t)
	m := regexp.MustCompile("(?s)```go\n(package main\n.*?)```").FindStringSubmatch(readme)
	if m == nil {
		t.Fatal("no `package main` program in README.md")
	}
	dev := startedDev(t)
	port, err := freePort()
	must(t, err)
	program := strings.NewReplacer(`"http://127.0.0.1:8080"`, strconv.Quote(dev.URL), "port := 9000", fmt.Sprintf("port := %d", port)).Replace(m[1])
	dir := t.TempDir()
	sdk, _ := filepath.Abs(".")
	goMod := fmt.Sprintf("module tour\n\ngo 1.23\n\nrequire github.com/caravan-gateway/caravan/sdk-clients/go v0.0.0\n\nreplace github.com/caravan-gateway/caravan/sdk-clients/go => %s\n", sdk)
	must(t, os.WriteFile(filepath.Join(dir, "go.mod"), []byte(goMod), 0o644))
	must(t, os.WriteFile(filepath.Join(dir, "main.go"), []byte(program), 0o644))
	sums, _ := os.ReadFile("go.sum")
	must(t, os.WriteFile(filepath.Join(dir, "go.sum"), sums, 0o644))
	build := exec.Command("go", "build", "-mod=mod", "-o", "tour", ".")
	build.Dir = dir
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("the README program does not build: %v\n%s", err, out)
	}
	run := exec.Command(filepath.Join(dir, "tour"))
	run.Env = append(os.Environ(), "CARAVAN_API_KEY="+tenantKey(t, dev))
	out, err := run.StdoutPipe()
	must(t, err)
	run.Stderr = os.Stderr
	must(t, run.Start())
	t.Cleanup(func() { _ = run.Process.Kill(); _ = run.Wait() })
	lines := make(chan string, 10)
	go func() {
		scanner := bufio.NewScanner(out)
		for scanner.Scan() {
			lines <- scanner.Text()
		}
		close(lines)
	}()
	select {
	case line, ok := <-lines:
		if !ok || !regexp.MustCompile(`^verified evt_\w+ map\[amount:12500 invoiceId:in_1\]$`).MatchString(line) {
			t.Fatalf("the README program printed %q", line)
		}
		t.Logf("the README program printed: %s", line)
	case <-time.After(60 * time.Second):
		t.Fatal("the README program printed nothing within 60 s")
	}
}
