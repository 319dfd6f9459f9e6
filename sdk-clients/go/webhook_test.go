package caravan_test

import (
	"crypto/ed25519"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	caravan "github.com/caravan-gateway/caravan/sdk-clients/go"
	standardwebhooks "github.com/standard-webhooks/standard-webhooks/libraries/go"
)

type vectorFile struct {
	ToleranceSeconds int `json:"toleranceSeconds"`
	Valid            []struct {
		Secret    string `json:"secret"`
		ID        string `json:"id"`
		Timestamp int64  `json:"timestamp"`
		Body      string `json:"body"`
		Signature string `json:"signature"`
	} `json:"valid"`
	MustFail []struct {
		Why                    string `json:"why"`
		SignatureHeader        string `json:"signatureHeader"`
		TimestampOffsetSeconds int64  `json:"timestampOffsetSeconds"`
		Drop                   string `json:"drop"`
	} `json:"mustFail"`
	MustPass []struct {
		Why             string `json:"why"`
		SignatureHeader string `json:"signatureHeader"`
	} `json:"mustPass"`
}

// loadVectors reads the Standard Webhooks test vectors: $CARAVAN_WEBHOOK_VECTORS, or
// shared/vectors/standard-webhooks.json next to the repository (or a folder above it).
func loadVectors(t *testing.T) vectorFile {
	t.Helper()
	path := os.Getenv("CARAVAN_WEBHOOK_VECTORS")
	for dir := repoRoot(); path == ""; dir = filepath.Dir(dir) {
		candidate := filepath.Join(dir, "..", "shared", "vectors", "standard-webhooks.json")
		if _, err := os.Stat(candidate); err == nil {
			path = candidate
		} else if filepath.Dir(dir) == dir {
			t.Fatal("standard-webhooks.json not found: set CARAVAN_WEBHOOK_VECTORS")
		}
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var v vectorFile
	if err := json.Unmarshal(raw, &v); err != nil {
		t.Fatal(err)
	}
	if len(v.Valid) == 0 || len(v.MustFail) == 0 {
		t.Fatal("the vector file has no cases")
	}
	return v
}

func headersOf(id string, timestamp int64, signature string) http.Header {
	h := http.Header{}
	h.Set("webhook-id", id)
	h.Set("webhook-timestamp", strconv.FormatInt(timestamp, 10))
	h.Set("webhook-signature", signature)
	return h
}

func atTime(w *caravan.Webhook, unix int64) *caravan.Webhook {
	w.Now = func() time.Time { return time.Unix(unix, 0) }
	return w
}

func TestWebhookVectors(t *testing.T) {
	v := loadVectors(t)
	vector := v.Valid[0]
	w, err := caravan.NewWebhook(vector.Secret)
	if err != nil {
		t.Fatal(err)
	}
	atTime(w, vector.Timestamp)
	t.Run("valid", func(t *testing.T) {
		if err := w.Verify([]byte(vector.Body), headersOf(vector.ID, vector.Timestamp, vector.Signature)); err != nil {
			t.Fatal(err)
		}
		signed, err := w.Sign(vector.ID, time.Unix(vector.Timestamp, 0), []byte(vector.Body))
		if err != nil || signed != vector.Signature {
			t.Fatalf("Sign = %q, %v; want %q", signed, err, vector.Signature)
		}
		if w.Verify([]byte(vector.Body+" "), headersOf(vector.ID, vector.Timestamp, vector.Signature)) == nil {
			t.Fatal("an altered body passed")
		}
	})
	for _, c := range v.MustFail {
		t.Run("fails: "+c.Why, func(t *testing.T) {
			signature := vector.Signature
			if c.SignatureHeader != "" {
				signature = c.SignatureHeader
			}
			h := headersOf(vector.ID, vector.Timestamp+c.TimestampOffsetSeconds, signature)
			if c.TimestampOffsetSeconds != 0 {
				// Signed correctly for its own timestamp: only the tolerance makes it fail.
				s, _ := w.Sign(vector.ID, time.Unix(vector.Timestamp+c.TimestampOffsetSeconds, 0), []byte(vector.Body))
				h.Set("webhook-signature", s)
			}
			if c.Drop != "" {
				h.Del(c.Drop)
			}
			err := w.Verify([]byte(vector.Body), h)
			if !errors.Is(err, caravan.ErrWebhookVerification) {
				t.Fatalf("Verify = %v, want ErrWebhookVerification", err)
			}
		})
	}
	for _, c := range v.MustPass {
		t.Run("passes: "+c.Why, func(t *testing.T) {
			if err := w.Verify([]byte(vector.Body), headersOf(vector.ID, vector.Timestamp, c.SignatureHeader)); err != nil {
				t.Fatal(err)
			}
		})
	}
	t.Run("tolerance is 5 minutes either way", func(t *testing.T) {
		for _, offset := range []int64{-300, 300} {
			s, _ := w.Sign(vector.ID, time.Unix(vector.Timestamp+offset, 0), []byte(vector.Body))
			if err := w.Verify([]byte(vector.Body), headersOf(vector.ID, vector.Timestamp+offset, s)); err != nil {
				t.Fatalf("offset %d: %v", offset, err)
			}
		}
	})
}

func TestWebhookInteroperatesWithStandardWebhooks(t *testing.T) {
	v := loadVectors(t)
	secret := v.Valid[0].Secret
	ours, err := caravan.NewWebhook(secret)
	if err != nil {
		t.Fatal(err)
	}
	theirs, err := standardwebhooks.NewWebhook(secret)
	if err != nil {
		t.Fatal(err)
	}
	body := []byte(`{"invoiceId":"in_1","amount":12500}`)
	now := time.Now()

	t.Run("the official library verifies what we sign", func(t *testing.T) {
		signature, err := ours.Sign("evt_1", now, body)
		if err != nil {
			t.Fatal(err)
		}
		if err := theirs.Verify(body, headersOf("evt_1", now.Unix(), signature)); err != nil {
			t.Fatal(err)
		}
		if theirs.Verify([]byte(`{"amount":1}`), headersOf("evt_1", now.Unix(), signature)) == nil {
			t.Fatal("the official library accepted an altered body")
		}
	})
	t.Run("we verify what the official library signs", func(t *testing.T) {
		signature, err := theirs.Sign("evt_2", now, body)
		if err != nil {
			t.Fatal(err)
		}
		if err := ours.Verify(body, headersOf("evt_2", now.Unix(), signature)); err != nil {
			t.Fatal(err)
		}
		other, _ := standardwebhooks.NewWebhook("whsec_" + base64.StdEncoding.EncodeToString([]byte("another secret of 32 bytes.....")))
		forged, _ := other.Sign("evt_2", now, body)
		if ours.Verify(body, headersOf("evt_2", now.Unix(), forged)) == nil {
			t.Fatal("a signature by another secret passed")
		}
	})
	t.Run("during a rotation either secret passes", func(t *testing.T) {
		newer, _ := standardwebhooks.NewWebhook("whsec_" + base64.StdEncoding.EncodeToString([]byte("the rotated secret, 32 bytes...")))
		a, _ := theirs.Sign("evt_3", now, body)
		b, _ := newer.Sign("evt_3", now, body)
		if err := ours.Verify(body, headersOf("evt_3", now.Unix(), b+" "+a)); err != nil {
			t.Fatal(err)
		}
	})
}

func TestWebhookEd25519(t *testing.T) {
	public, private, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	signer, err := caravan.NewWebhook("whsk_" + base64.StdEncoding.EncodeToString(private.Seed()))
	if err != nil {
		t.Fatal(err)
	}
	verifier, err := caravan.NewWebhook("whpk_" + base64.StdEncoding.EncodeToString(public))
	if err != nil {
		t.Fatal(err)
	}
	body := []byte(`{"n":1}`)
	now := time.Now()
	signature, err := signer.Sign("evt_1", now, body)
	if err != nil || !strings.HasPrefix(signature, "v1a,") {
		t.Fatalf("Sign = %q, %v", signature, err)
	}
	if err := verifier.Verify(body, headersOf("evt_1", now.Unix(), "v1,AAAA "+signature)); err != nil {
		t.Fatal(err)
	}
	// A signature made with the key's own crypto/ed25519 checks out too.
	direct := ed25519.Sign(private, []byte("evt_2."+strconv.FormatInt(now.Unix(), 10)+"."+string(body)))
	if err := verifier.Verify(body, headersOf("evt_2", now.Unix(), "v1a,"+base64.StdEncoding.EncodeToString(direct))); err != nil {
		t.Fatal(err)
	}
	if verifier.Verify([]byte(`{"n":2}`), headersOf("evt_1", now.Unix(), signature)) == nil {
		t.Fatal("an altered body passed")
	}
	if _, err := verifier.Sign("evt_1", now, body); err == nil {
		t.Fatal("a public key signed")
	}
}
