package caravan_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	caravan "github.com/caravan-gateway/caravan/sdk-clients/go"
)

// The README's snippets, compiled with the tests; TestReadmeQuotesTheSnippets checks that the README shows
// each block between readme markers unchanged (less one tab of indentation).

func usageClient() (*caravan.Client, error) {
	// readme:start
	client, err := caravan.New(caravan.Options{
		APIKey:         os.Getenv("CARAVAN_API_KEY"), // a tenant key (ck_live_…), or the admin key for admin groups
		BaseURL:        "https://caravan.example.com",
		Timeout:        30 * time.Second,       // per attempt (default)
		MaxRetries:     caravan.Ptr(2),         // after a 429, a 5xx, a timeout or a network error (default)
		RetryBaseDelay: 500 * time.Millisecond, // first backoff step (default)
	})
	// readme:end
	return client, err
}

func usageLists(ctx context.Context, client *caravan.Client) error {
	// readme:start
	page, err := client.Deliveries.List(ctx, &caravan.ListDeliveriesParams{Limit: caravan.Ptr(100)}).Page()
	if err != nil {
		return err
	}
	fmt.Println(len(page.Data), page.NextCursor) // one page
	failed := &caravan.ListDeliveriesParams{Status: []caravan.DeliveryStatus{caravan.DeliveryStatusFailed}}
	for delivery, err := range client.Deliveries.List(ctx, failed).All() { // every page
		if err != nil {
			return err
		}
		if _, err := client.Deliveries.Retry(ctx, delivery.ID); err != nil {
			return err
		}
	}
	// readme:end
	return nil
}

func usageErrors(ctx context.Context, client *caravan.Client) {
	// readme:start
	_, err := client.Endpoints.Create(ctx, &caravan.CreateEndpointRequest{URL: caravan.Ptr("not a url")})
	var apiErr *caravan.APIError
	if errors.As(err, &apiErr) && apiErr.Code == "CARAVAN_VALIDATION_FAILED" {
		fmt.Println(apiErr.Errors) // [{/body/url …}]
	}
	// readme:end
}

func usageRetries(ctx context.Context, client *caravan.Client, endpointID string) error {
	// readme:start
	_, err := client.Endpoints.RotateSecret(ctx, endpointID, &caravan.RotateEndpointSecretRequest{GracePeriodSeconds: caravan.Ptr(3600)},
		caravan.WithIdempotencyKey("rotate-42"))
	if err != nil {
		return err
	}
	short, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	_, err = client.Events.List(short, nil, caravan.WithMaxRetries(0)).Page()
	// readme:end
	return err
}

func usageWebhook(rawBody []byte, r *http.Request) error {
	// readme:start
	webhook, err := caravan.NewWebhook(os.Getenv("ENDPOINT_SECRET")) // whsec_… (or whpk_… for Ed25519 endpoints)
	if err != nil {
		return err
	}
	err = webhook.Verify(rawBody, r.Header) // the exact bytes received, not re-encoded JSON
	// readme:end
	return err
}

var _ = []any{usageClient, usageLists, usageErrors, usageRetries, usageWebhook}

func TestReadmeQuotesTheSnippets(t *testing.T) {
	source, err := os.ReadFile("usage_test.go")
	must(t, err)
	readme, err := os.ReadFile("README.md")
	must(t, err)
	blocks := regexp.MustCompile(`(?s)// readme:start\n(.*?)\n\t// readme:end`).FindAllStringSubmatch(string(source), -1)
	if len(blocks) != 5 {
		t.Fatalf("%d snippets", len(blocks))
	}
	for _, block := range blocks {
		snippet := regexp.MustCompile(`(?m)^\t`).ReplaceAllString(block[1], "")
		if !strings.Contains(string(readme), "```go\n"+snippet+"\n```") {
			t.Errorf("README.md does not show this snippet of usage_test.go as it is:\n%s", snippet)
		}
	}
}
