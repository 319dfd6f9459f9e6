// Package caravan is the Go client of the Caravan API, and a Webhook helper that verifies the webhooks
// Caravan delivers (Standard Webhooks).
//
// The client is generated from the API contract, openapi/caravan.yaml: one resource group per tag of the
// spec (client.Endpoints, client.Events, …) and one method per operation, named after the operationId
// without the resource noun (rotateEndpointSecret → client.Endpoints.RotateSecret).
package caravan

import (
	"errors"
	"net/http"
	"strings"
	"time"
)

// Options say how a Client reaches the API.
type Options struct {
	// APIKey is a tenant API key (ck_live_…), or the operator's admin key for the admin operations.
	APIKey string
	// BaseURL is where Caravan serves its API, e.g. https://caravan.example.com (without /v1).
	BaseURL string
	// Timeout limits each attempt. Default 30 s.
	Timeout time.Duration
	// MaxRetries after a 429, a 5xx, a timeout or a network error. Default 2; a negative value means 0.
	MaxRetries *int
	// RetryBaseDelay is the first backoff step when the answer has no Retry-After. Default 500 ms.
	RetryBaseDelay time.Duration
	// HTTPClient sends the requests; default a new http.Client.
	HTTPClient *http.Client
}

// Client is the Caravan API client: one field per resource group, one method per operation.
type Client struct {
	resources
}

// New returns a client, or an error when the options are invalid.
func New(opts Options) (*Client, error) {
	if opts.APIKey == "" {
		return nil, errors.New("caravan.New: APIKey must be set")
	}
	if !strings.HasPrefix(opts.BaseURL, "http://") && !strings.HasPrefix(opts.BaseURL, "https://") {
		return nil, errors.New("caravan.New: BaseURL must be an http(s) URL")
	}
	c := &httpClient{
		apiKey:         opts.APIKey,
		baseURL:        strings.TrimRight(opts.BaseURL, "/"),
		timeout:        opts.Timeout,
		maxRetries:     2,
		retryBaseDelay: opts.RetryBaseDelay,
		http:           opts.HTTPClient,
	}
	if c.timeout <= 0 {
		c.timeout = 30 * time.Second
	}
	if opts.MaxRetries != nil {
		c.maxRetries = max(0, *opts.MaxRetries)
	}
	if c.retryBaseDelay <= 0 {
		c.retryBaseDelay = 500 * time.Millisecond
	}
	if c.http == nil {
		c.http = &http.Client{}
	}
	return &Client{resources: newResources(c)}, nil
}

// RequestOption changes one call: its idempotency key, attempt timeout or retries.
type RequestOption func(*requestOptions)

type requestOptions struct {
	idempotencyKey string
	timeout        time.Duration
	maxRetries     *int
}

// WithIdempotencyKey chooses the call's idempotency key (a batch derives one per event from it), e.g. to
// make a retry of your own job safe. By default each call generates one, kept across its retries.
func WithIdempotencyKey(key string) RequestOption {
	return func(o *requestOptions) { o.idempotencyKey = key }
}

// WithTimeout limits each attempt of this call.
func WithTimeout(d time.Duration) RequestOption {
	return func(o *requestOptions) { o.timeout = d }
}

// WithMaxRetries sets how many times this call is retried.
func WithMaxRetries(n int) RequestOption {
	return func(o *requestOptions) { o.maxRetries = &n }
}

// Ptr returns a pointer to v, for the optional fields of requests: Description: caravan.Ptr("billing").
func Ptr[T any](v T) *T { return &v }
