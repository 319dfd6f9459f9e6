package caravan_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httputil"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	caravan "github.com/caravan-gateway/caravan/sdk-clients/go"
	"gopkg.in/yaml.v3"
)

// The SDK against a live `caravan dev` (API, router, dispatcher over SQLite) over real HTTP: every
// operation of the spec through its method, typed errors, pages, and idempotent retries through a proxy
// that drops answers.

type specOperation struct {
	id, method string
	pattern    *regexp.Regexp
}

func specOperations(t *testing.T) []specOperation {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(repoRoot(), "openapi", "caravan.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var spec struct {
		Paths map[string]map[string]yaml.Node `yaml:"paths"`
	}
	if err := yaml.Unmarshal(raw, &spec); err != nil {
		t.Fatal(err)
	}
	var ops []specOperation
	for path, item := range spec.Paths {
		pattern := regexp.MustCompile("^" + regexp.MustCompile(`\{\w+\}`).ReplaceAllString(path, "[^/]+") + "$")
		for _, method := range []string{"get", "post", "put", "patch", "delete"} {
			node, ok := item[method]
			if !ok {
				continue
			}
			var op struct {
				OperationID string `yaml:"operationId"`
			}
			if err := node.Decode(&op); err != nil {
				t.Fatal(err)
			}
			ops = append(ops, specOperation{op.OperationID, strings.ToUpper(method), pattern})
		}
	}
	sort.Slice(ops, func(i, j int) bool { return ops[i].id < ops[j].id })
	return ops
}

func TestEveryOperationOfTheSpecHasAMethod(t *testing.T) {
	ops := specOperations(t)
	if len(ops) < 56 {
		t.Fatalf("only %d operations in the spec", len(ops))
	}
	client, _ := caravan.New(caravan.Options{APIKey: "ck_test", BaseURL: "http://127.0.0.1:1"})
	value := reflect.ValueOf(client).Elem()
	var missing []string
	for _, op := range ops {
		where, ok := caravan.OperationMethods[op.id]
		if !ok {
			missing = append(missing, op.id)
			continue
		}
		group := value.FieldByName(where[0])
		if !group.IsValid() || !group.MethodByName(where[1]).IsValid() {
			missing = append(missing, op.id)
		}
	}
	if len(missing) > 0 {
		t.Fatalf("operations without a method (run npm run generate): %v", missing)
	}
	for id := range caravan.OperationMethods {
		if !slices.ContainsFunc(ops, func(o specOperation) bool { return o.id == id }) {
			t.Errorf("method for an operation the spec no longer has: %s", id)
		}
	}
}

// recorder notes each operation that Caravan answered with success.
type recorder struct {
	ops       []specOperation
	mu        sync.Mutex
	succeeded map[string]bool
}

func (r *recorder) RoundTrip(req *http.Request) (*http.Response, error) {
	res, err := http.DefaultTransport.RoundTrip(req)
	if err == nil && res.StatusCode < 300 {
		for _, op := range r.ops {
			if op.method == req.Method && op.pattern.MatchString(req.URL.Path) {
				r.mu.Lock()
				r.succeeded[op.id] = true
				r.mu.Unlock()
			}
		}
	}
	return res, err
}

type live struct {
	admin, caravan *caravan.Client
	tenant         *caravan.Tenant
	key            string
	dev            *devServer
}

var (
	liveRecorder *recorder
	recorderOnce sync.Once
	walkTests    atomic.Int32
)

func startLive(t *testing.T) live {
	t.Helper()
	ops := specOperations(t)
	dev := startedDev(t)
	recorderOnce.Do(func() { liveRecorder = &recorder{ops: ops, succeeded: map[string]bool{}} })
	httpClient := &http.Client{Transport: liveRecorder}
	ctx := testContext(t)
	admin, err := caravan.New(caravan.Options{APIKey: dev.AdminKey, BaseURL: dev.URL, HTTPClient: httpClient})
	must(t, err)
	tenant, err := admin.Tenants.Create(ctx, &caravan.CreateTenantRequest{Name: "Acme"})
	must(t, err)
	key, err := admin.APIKeys.Create(ctx, tenant.ID, &caravan.CreateAPIKeyRequest{Name: caravan.Ptr("sdk")})
	must(t, err)
	client, err := caravan.New(caravan.Options{APIKey: key.Key, BaseURL: dev.URL, HTTPClient: httpClient})
	must(t, err)
	return live{admin: admin, caravan: client, tenant: tenant, key: key.Key, dev: dev}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func apiError(t *testing.T, err error) *caravan.APIError {
	t.Helper()
	var apiErr *caravan.APIError
	if !errors.As(err, &apiErr) {
		t.Fatalf("err = %v, want an APIError", err)
	}
	return apiErr
}

func collect[T any](t *testing.T, p *caravan.Pager[T]) []T {
	t.Helper()
	var items []T
	for item, err := range p.All() {
		must(t, err)
		items = append(items, item)
	}
	return items
}

func TestLiveOperatorGroups(t *testing.T) {
	l := startLive(t)
	ctx := testContext(t)
	admin := l.admin
	got, err := admin.Tenants.Get(ctx, l.tenant.ID)
	must(t, err)
	if got.Name != "Acme" {
		t.Fatalf("name = %q", got.Name)
	}
	renamed, err := admin.Tenants.Update(ctx, l.tenant.ID, &caravan.UpdateTenantRequest{Name: caravan.Ptr("Acme Inc")})
	must(t, err)
	if renamed.Name != "Acme Inc" {
		t.Fatalf("name = %q", renamed.Name)
	}
	other, err := admin.Tenants.Create(ctx, &caravan.CreateTenantRequest{Name: "Globex"})
	must(t, err)
	var names []string
	for _, tn := range collect(t, admin.Tenants.List(ctx, &caravan.ListTenantsParams{Limit: caravan.Ptr(1)})) {
		names = append(names, tn.Name)
	}
	if !slices.Contains(names, "Globex") || !slices.Contains(names, "Acme Inc") || slices.Index(names, "Globex") > slices.Index(names, "Acme Inc") {
		t.Fatalf("every page, newest first: %v", names)
	}
	must(t, admin.Tenants.Delete(ctx, other.ID))
	_, err = admin.Tenants.Get(ctx, other.ID)
	if apiError(t, err).Status != 404 {
		t.Fatal(err)
	}

	second, err := admin.APIKeys.Create(ctx, l.tenant.ID, &caravan.CreateAPIKeyRequest{Name: caravan.Ptr("second")})
	must(t, err)
	updated, err := admin.APIKeys.Update(ctx, l.tenant.ID, second.ID, &caravan.UpdateAPIKeyRequest{Name: caravan.Ptr("renamed")})
	must(t, err)
	if updated.Name == nil || *updated.Name != "renamed" {
		t.Fatalf("name = %v", updated.Name)
	}
	keys, err := admin.APIKeys.List(ctx, l.tenant.ID, nil).Page()
	must(t, err)
	if len(keys.Data) != 2 {
		t.Fatalf("%d keys", len(keys.Data))
	}
	must(t, admin.APIKeys.Revoke(ctx, l.tenant.ID, second.ID))
	revoked, _ := caravan.New(caravan.Options{APIKey: second.Key, BaseURL: l.dev.URL})
	_, err = revoked.Tenant.Get(ctx)
	if code := apiError(t, err).Code; code != "CARAVAN_UNAUTHORIZED" {
		t.Fatalf("code = %s", code)
	}

	// The tenant's own keys, with its own key: made, listed, revoked.
	own, err := l.caravan.Tenant.CreateAPIKey(ctx, &caravan.CreateAPIKeyRequest{Name: caravan.Ptr("ci")})
	must(t, err)
	listed := false
	for _, k := range collect(t, l.caravan.Tenant.ListAPIKeys(ctx, nil)) {
		listed = listed || k.ID == own.ID
	}
	if !listed {
		t.Fatalf("key %s not listed", own.ID)
	}
	must(t, l.caravan.Tenant.RevokeAPIKey(ctx, own.ID))
	ownClient, _ := caravan.New(caravan.Options{APIKey: own.Key, BaseURL: l.dev.URL})
	_, err = ownClient.Tenant.Get(ctx)
	if status := apiError(t, err).Status; status != 401 {
		t.Fatalf("status = %d", status)
	}

	pool, err := admin.EgressPools.Create(ctx, &caravan.CreateEgressPoolRequest{
		Name: "eu-static-" + l.tenant.ID, Mode: caravan.EgressPoolModeBind, Addresses: []string{"127.0.0.2"},
		PublicIPs: []string{"203.0.113.10"}, AllowedTenantIDs: []string{l.tenant.ID},
	})
	must(t, err)
	gotPool, err := admin.EgressPools.Get(ctx, pool.ID)
	must(t, err)
	if gotPool.Name != pool.Name {
		t.Fatal(gotPool.Name)
	}
	moved, err := admin.EgressPools.Update(ctx, pool.ID, &caravan.UpdateEgressPoolRequest{PublicIPs: []string{"203.0.113.11"}})
	must(t, err)
	if !slices.Equal(moved.PublicIPs, []string{"203.0.113.11"}) {
		t.Fatal(moved.PublicIPs)
	}
	pools := collect(t, admin.EgressPools.List(ctx, nil))
	if !slices.ContainsFunc(pools, func(p caravan.EgressPool) bool { return p.ID == pool.ID }) {
		t.Fatal("the pool is not listed")
	}
	must(t, admin.EgressPools.Delete(ctx, pool.ID))
	pools = collect(t, admin.EgressPools.List(ctx, nil))
	if slices.ContainsFunc(pools, func(p caravan.EgressPool) bool { return p.ID == pool.ID }) {
		t.Fatal("the deleted pool is still listed")
	}
	walkTests.Add(1)
}

func TestLiveTenantGroups(t *testing.T) {
	l := startLive(t)
	ctx := testContext(t)
	c := l.caravan
	own, err := c.Tenant.Get(ctx)
	must(t, err)
	stats, err := c.Tenant.GetStats(ctx, &caravan.GetTenantStatsParams{BucketSeconds: caravan.Ptr(300)})
	must(t, err)
	if stats.BucketSeconds != 300 || len(stats.Data) < 12 {
		t.Fatal(stats.BucketSeconds, len(stats.Data))
	}
	portal, err := c.Tenant.CreatePortalToken(ctx, &caravan.CreatePortalTokenRequest{OwnerID: "cus_1", TtlSeconds: caravan.Ptr(600)})
	must(t, err)
	if !strings.HasPrefix(portal.Token, "cpt_") {
		t.Fatal(portal.Token)
	}
	must(t, err)
	if own.ID != l.tenant.ID {
		t.Fatal(own.ID)
	}
	updated, err := c.Tenant.Update(ctx, &caravan.UpdateOwnTenantRequest{OperationsURL: caravan.Ptr("https://ops.acme.example/caravan")})
	must(t, err)
	if updated.OperationsURL == nil || *updated.OperationsURL != "https://ops.acme.example/caravan" {
		t.Fatal(updated.OperationsURL)
	}
	shared, err := l.admin.EgressPools.Create(ctx, &caravan.CreateEgressPoolRequest{
		Name: "shared-" + l.tenant.ID, Mode: caravan.EgressPoolModeBind, Addresses: []string{"127.0.0.2"},
		PublicIPs: []string{"203.0.113.20"}, AllowAllTenants: caravan.Ptr(true),
	})
	must(t, err)
	t.Cleanup(func() { _ = l.admin.EgressPools.Delete(context.Background(), shared.ID) })
	pools := collect(t, c.Tenant.ListEgressPools(ctx, nil))
	if !slices.ContainsFunc(pools, func(p caravan.TenantEgressPool) bool { return p.ID == shared.ID }) {
		t.Fatal("the shared pool is not listed for the tenant")
	}

	eventType, err := c.EventTypes.Create(ctx, &caravan.CreateEventTypeRequest{
		Name:   "invoice.paid",
		Schema: caravan.JSONSchemaDocument{"type": "object", "required": []string{"amount"}, "properties": map[string]any{"amount": map[string]any{"type": "integer"}}},
	})
	must(t, err)
	gotType, err := c.EventTypes.Get(ctx, eventType.Name)
	must(t, err)
	if gotType.Name != "invoice.paid" {
		t.Fatal(gotType.Name)
	}
	described, err := c.EventTypes.Update(ctx, eventType.Name, &caravan.UpdateEventTypeRequest{Description: caravan.Ptr("Paid")})
	must(t, err)
	if described.Description == nil || *described.Description != "Paid" {
		t.Fatal(described.Description)
	}
	types, err := c.EventTypes.List(ctx, nil).Page()
	must(t, err)
	if len(types.Data) != 1 || types.Data[0].Name != "invoice.paid" {
		t.Fatalf("%+v", types.Data)
	}
	_, err = c.Events.Send(ctx, &caravan.SendEventRequest{EventType: "invoice.paid", Payload: map[string]any{"amount": "x"}})
	mismatch := apiError(t, err)
	if mismatch.Code != "CARAVAN_PAYLOAD_SCHEMA_MISMATCH" || !slices.ContainsFunc(mismatch.Errors, func(e caravan.FieldError) bool { return e.Field == "/body/payload/amount" }) {
		t.Fatalf("%+v", mismatch)
	}
	must(t, c.EventTypes.Delete(ctx, eventType.Name))

	sourceTypes, err := c.SourceTypes.List(ctx)
	must(t, err)
	if !slices.ContainsFunc(sourceTypes.Data, func(st caravan.SourceType) bool { return st.ID == "aws-sqs" }) {
		t.Fatal("aws-sqs is not a source type")
	}
	sqs, err := c.SourceTypes.Get(ctx, "aws-sqs")
	must(t, err)
	if sqs.ID != "aws-sqs" {
		t.Fatal(sqs.ID)
	}
	destinationTypes, err := c.DestinationTypes.List(ctx)
	must(t, err)
	if len(destinationTypes.Data) != 1 || destinationTypes.Data[0].ID != "aws-sqs" {
		t.Fatalf("destination types: %+v", destinationTypes.Data)
	}
	sqsDestination, err := c.DestinationTypes.Get(ctx, "aws-sqs")
	must(t, err)
	if sqsDestination.DisplayName != "Amazon SQS" {
		t.Fatal(sqsDestination.DisplayName)
	}

	source, err := c.Sources.Create(ctx, &caravan.CreateSourceRequest{
		Name: "orders", Type: "aws-sqs",
		Config: caravan.SourceConfig{"queueUrl": "http://127.0.0.1:9324/000000000000/go-sdk-orders", "region": "eu-west-1", "endpoint": "http://127.0.0.1:9324"},
		Credentials: caravan.SourceCredentials{"accessKeyId": "AKIAIOSFODNN7EXAMPLE", "secretAccessKey": "secret-value"},
	})
	must(t, err)
	if !source.HasCredentials {
		t.Fatal("the source has no credentials")
	}
	gotSource, err := c.Sources.Get(ctx, source.ID)
	must(t, err)
	if gotSource.Name != "orders" {
		t.Fatal(gotSource.Name)
	}
	renamed, err := c.Sources.Update(ctx, source.ID, &caravan.UpdateSourceRequest{Name: caravan.Ptr("orders-eu")})
	must(t, err)
	if renamed.Name != "orders-eu" {
		t.Fatal(renamed.Name)
	}
	if sources := collect(t, c.Sources.List(ctx, nil)); len(sources) != 1 {
		t.Fatalf("%d sources", len(sources))
	}
	paused, err := c.Sources.Pause(ctx, source.ID)
	must(t, err)
	if paused.Status.State != "paused" {
		t.Fatal(paused.Status.State)
	}
	resumed, err := c.Sources.Resume(ctx, source.ID)
	must(t, err)
	if resumed.Status.State == "paused" {
		t.Fatal("still paused")
	}
	// Pause again so the source runner does not poll a queue that does not exist.
	_, err = c.Sources.Pause(ctx, source.ID)
	must(t, err)
	deadLetterID := insertDeadLetter(t, l.dev, l.tenant.ID, source.ID)
	letters := collect(t, c.Sources.ListDeadLetters(ctx, source.ID, nil))
	if len(letters) != 1 || letters[0].MessageID != "m-1" {
		t.Fatalf("%+v", letters)
	}
	replayed, err := c.Sources.ReplayDeadLetter(ctx, source.ID, deadLetterID)
	must(t, err)
	if !strings.HasPrefix(replayed.ID, "evt_") {
		t.Fatal(replayed.ID)
	}
	must(t, c.Sources.Delete(ctx, source.ID))
	if sources := collect(t, c.Sources.List(ctx, nil)); len(sources) != 0 {
		t.Fatalf("%d sources", len(sources))
	}
	opEvents, err := c.OperationalEvents.List(ctx, &caravan.ListOperationalEventsParams{Limit: caravan.Ptr(10)}).Page()
	must(t, err)
	if len(opEvents.Data) != 0 {
		t.Fatalf("%d operational events", len(opEvents.Data))
	}
	walkTests.Add(1)
}

// insertDeadLetter stores a dead letter as the source runner stores them (with node and the repository's
// SQLite driver), as the TypeScript SDK's test does.
func insertDeadLetter(t *testing.T, dev *devServer, tenantID, sourceID string) string {
	t.Helper()
	id := fmt.Sprintf("dl_01J%023d", time.Now().UnixNano()%1e15)
	script := `const db = require('better-sqlite3')(process.argv[1]);
db.prepare("insert into dead_letters (id, tenant_id, source_id, message_id, body, attributes, reason, received_at, replayed_at, replayed_event_id) values (?, ?, ?, 'm-1', ?, '{}', ?, ?, null, null)")
  .run(process.argv[2], process.argv[3], process.argv[4], Buffer.from('{"eventType":"order.created","payload":{"n":1}}'),
    JSON.stringify({ code: 'CARAVAN_LOG_UNAVAILABLE', message: 'log down', errors: [] }), Date.now());`
	cmd := exec.Command("node", "-e", script, filepath.Join(dev.DataDir, "caravan.sqlite"), id, tenantID, sourceID)
	cmd.Dir = repoRoot()
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("inserting a dead letter: %v\n%s", err, out)
	}
	return id
}

func TestLiveEndpointsEventsDeliveriesAndJobs(t *testing.T) {
	l := startLive(t)
	ctx := testContext(t)
	c := l.caravan
	endpoint, err := c.Endpoints.Create(ctx, &caravan.CreateEndpointRequest{URL: caravan.Ptr("http://127.0.0.1:9/hook"), EventTypes: []string{"invoice.*"}})
	must(t, err)
	if !strings.HasPrefix(endpoint.Secret, "whsec_") {
		t.Fatal(endpoint.Secret)
	}
	got, err := c.Endpoints.Get(ctx, endpoint.ID)
	must(t, err)
	if got.URL != "http://127.0.0.1:9/hook" {
		t.Fatal(got.URL)
	}
	described, err := c.Endpoints.Update(ctx, endpoint.ID, &caravan.UpdateEndpointRequest{Description: caravan.Ptr("billing")})
	must(t, err)
	if described.Description == nil || *described.Description != "billing" {
		t.Fatal(described.Description)
	}
	if endpoints := collect(t, c.Endpoints.List(ctx, nil)); len(endpoints) != 1 {
		t.Fatalf("%d endpoints", len(endpoints))
	}
	rotated, err := c.Endpoints.RotateSecret(ctx, endpoint.ID, nil)
	must(t, err)
	if rotated.Secret == endpoint.Secret {
		t.Fatal("the secret did not change")
	}
	secrets, err := c.Endpoints.ListSecrets(ctx, endpoint.ID)
	must(t, err)
	if len(secrets.Data) != 2 {
		t.Fatalf("%d secrets, want 2: the old secret stays live", len(secrets.Data))
	}
	paused, err := c.Endpoints.Pause(ctx, endpoint.ID)
	must(t, err)
	if paused.Status != caravan.EndpointStatusPaused {
		t.Fatal(paused.Status)
	}
	resumed, err := c.Endpoints.Resume(ctx, endpoint.ID)
	must(t, err)
	if resumed.Status != caravan.EndpointStatusActive {
		t.Fatal(resumed.Status)
	}
	_, err = c.Endpoints.GetHealth(ctx, endpoint.ID)
	must(t, err)

	sent, err := c.Events.Send(ctx, &caravan.SendEventRequest{EventType: "invoice.paid", Payload: map[string]any{"n": 1}})
	must(t, err)
	if sent.Duplicate {
		t.Fatal("a new event is a duplicate")
	}
	batch, err := c.Events.SendBatch(ctx, &caravan.SendEventBatchRequest{Events: []caravan.SendEventRequest{
		{EventType: "invoice.created", Payload: map[string]any{"n": 2}},
		{EventType: "invoice.created", Payload: map[string]any{"n": 3}, IdempotencyKey: caravan.Ptr("inv-3")},
	}})
	must(t, err)
	if len(batch.Data) != 2 {
		t.Fatalf("%d results", len(batch.Data))
	}
	again, err := c.Events.Send(ctx, &caravan.SendEventRequest{EventType: "invoice.created", Payload: map[string]any{"n": 99}, IdempotencyKey: caravan.Ptr("inv-3")})
	must(t, err)
	if again.ID != batch.Data[1].ID || !again.Duplicate {
		t.Fatalf("again = %+v", again)
	}
	waitFor(t, "the router to persist 3 events", 60*time.Second, func() bool {
		page, err := c.Events.List(ctx, nil).Page()
		return err == nil && len(page.Data) == 3
	})
	event, err := c.Events.Get(ctx, sent.ID)
	must(t, err)
	if fmt.Sprint(event.Payload) != "map[n:1]" {
		t.Fatal(event.Payload)
	}
	deliveries := collect(t, c.Deliveries.List(ctx, &caravan.ListDeliveriesParams{EventID: caravan.Ptr(sent.ID)}))
	if len(deliveries) != 1 {
		t.Fatalf("%d deliveries", len(deliveries))
	}
	delivery, err := c.Deliveries.Get(ctx, deliveries[0].ID)
	must(t, err)
	if delivery.EndpointID != endpoint.ID {
		t.Fatal(delivery.EndpointID)
	}
	_, err = c.Deliveries.ListAttempts(ctx, delivery.ID, nil).Page()
	must(t, err)
	_, err = c.Deliveries.Retry(ctx, delivery.ID)
	must(t, err)
	_, err = c.Events.Replay(ctx, sent.ID)
	must(t, err)
	bulk, err := c.Deliveries.BulkRetry(ctx, &caravan.BulkRetryRequest{Since: "2026-01-01T00:00:00.000Z", Status: []string{"failed"}})
	must(t, err)
	job, err := c.Jobs.Get(ctx, bulk.ID)
	must(t, err)
	if job.ID != bulk.ID {
		t.Fatal(job.ID)
	}
	recovery, err := c.Endpoints.Recover(ctx, endpoint.ID, &caravan.RecoverEndpointRequest{Since: "2026-01-01T00:00:00.000Z"})
	must(t, err)
	if job, err := c.Jobs.Get(ctx, recovery.ID); err != nil || job.Type != "endpoint_recover" {
		t.Fatalf("job = %+v, %v", job, err)
	}
	must(t, c.Endpoints.Delete(ctx, endpoint.ID))
	_, err = c.Endpoints.Get(ctx, endpoint.ID)
	gone := apiError(t, err)
	if gone.Status != 404 || !strings.Contains(gone.Code, "NOT_FOUND") {
		t.Fatalf("%+v", gone)
	}
	walkTests.Add(1)
}

// droppingProxy forwards to Caravan but drops the connection instead of passing back the answer to the
// first POST after each reset, once Caravan has acted on it.
type droppingProxy struct {
	target  *url.URL
	dropped atomic.Int32
	armed   atomic.Bool
}

func (p *droppingProxy) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	proxy := httputil.NewSingleHostReverseProxy(p.target)
	if r.Method == http.MethodPost && p.armed.CompareAndSwap(true, false) {
		out := r.Clone(r.Context())
		out.URL.Scheme, out.URL.Host, out.RequestURI = p.target.Scheme, p.target.Host, ""
		res, err := http.DefaultTransport.RoundTrip(out)
		if err == nil {
			_, _ = io.Copy(io.Discard, res.Body)
			res.Body.Close()
		}
		p.dropped.Add(1)
		conn, _, _ := w.(http.Hijacker).Hijack()
		conn.Close()
		return
	}
	proxy.ServeHTTP(w, r)
}

func TestLiveALostAnswerIsRetriedWithItsKeyAndActsOnce(t *testing.T) {
	l := startLive(t)
	ctx := testContext(t)
	target, _ := url.Parse(l.dev.URL)
	p := &droppingProxy{target: target}
	listener, err := net.Listen("tcp", "127.0.0.1:0")
	must(t, err)
	server := &http.Server{Handler: p}
	go func() { _ = server.Serve(listener) }()
	t.Cleanup(func() { _ = server.Close() })
	through, err := caravan.New(caravan.Options{APIKey: l.key, BaseURL: "http://" + listener.Addr().String(), RetryBaseDelay: time.Millisecond})
	must(t, err)

	p.armed.Store(true)
	created, err := through.Endpoints.Create(ctx, &caravan.CreateEndpointRequest{URL: caravan.Ptr("http://127.0.0.1:9/hook")})
	must(t, err)
	if p.dropped.Load() != 1 {
		t.Fatal("the first answer was not lost")
	}
	all := collect(t, l.caravan.Endpoints.List(ctx, nil))
	if len(all) != 1 || all[0].ID != created.ID {
		t.Fatalf("the retry made a second endpoint instead of replaying the first answer: %d endpoints", len(all))
	}

	p.armed.Store(true)
	sent, err := through.Events.Send(ctx, &caravan.SendEventRequest{EventType: "invoice.paid", Payload: map[string]any{"n": 1}})
	must(t, err)
	if p.dropped.Load() != 2 {
		t.Fatal("the first answer to the send was not lost")
	}
	if sent.Duplicate {
		t.Fatal("the retry found the event its own first attempt made: new, for the caller")
	}
	waitFor(t, "the router to persist the event", 60*time.Second, func() bool {
		page, err := l.caravan.Events.List(ctx, nil).Page()
		return err == nil && len(page.Data) > 0
	})
	events, err := l.caravan.Events.List(ctx, nil).Page()
	must(t, err)
	if len(events.Data) != 1 || events.Data[0].ID != sent.ID {
		t.Fatalf("one event, not %d", len(events.Data))
	}
	first, err := through.Events.Send(ctx, &caravan.SendEventRequest{EventType: "invoice.paid", Payload: 1, IdempotencyKey: caravan.Ptr("k1")})
	must(t, err)
	repeat, err := through.Events.Send(ctx, &caravan.SendEventRequest{EventType: "invoice.paid", Payload: 1, IdempotencyKey: caravan.Ptr("k1")})
	must(t, err)
	if repeat.ID != first.ID || !repeat.Duplicate {
		t.Fatalf("the caller's own repeated key is still a duplicate: %+v", repeat)
	}
}

// Runs after the walks above (go test runs a file's tests in order).
func TestLiveEveryOperationSucceededThroughTheSDK(t *testing.T) {
	if walkTests.Load() < 3 {
		t.Skip("not every walk of the live server ran (-run selected some)")
	}
	var missing []string
	for _, op := range liveRecorder.ops {
		if !liveRecorder.succeeded[op.id] {
			missing = append(missing, op.id)
		}
	}
	t.Logf("%d of %d operations answered with success", len(liveRecorder.ops)-len(missing), len(liveRecorder.ops))
	if len(missing) > 0 {
		t.Fatalf("operations never answered with success through the SDK: %v", missing)
	}
}
