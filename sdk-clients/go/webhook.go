package caravan

import (
	"crypto/ed25519"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// ErrWebhookVerification is wrapped by every error Webhook.Verify returns.
var ErrWebhookVerification = errors.New("webhook verification failed")

// DefaultWebhookTolerance is how far webhook-timestamp may be from now, either way (Standard Webhooks).
const DefaultWebhookTolerance = 5 * time.Minute

// Webhook verifies (and, for tests, signs) webhooks the Standard Webhooks way, as Caravan sends them.
//
// The secret is the endpoint's whsec_… (HMAC-SHA256, v1), its Ed25519 public key whpk_… (v1a, verify only)
// or Ed25519 signing key whsk_… (v1a). A request passes when any one signature in webhook-signature
// matches, so it keeps passing across a secret rotation. Signatures are compared in constant time.
type Webhook struct {
	version    string
	hmacKey    []byte
	publicKey  ed25519.PublicKey
	privateKey ed25519.PrivateKey
	// Tolerance is how far webhook-timestamp may be from now; default DefaultWebhookTolerance.
	Tolerance time.Duration
	// Now is the current time; tests may replace it.
	Now func() time.Time
}

// NewWebhook loads a secret: whsec_… (or bare base64, as the reference libraries accept), whpk_… or whsk_…
// (a 32-byte Ed25519 seed, or libsodium's 64-byte seed ‖ public key).
func NewWebhook(secret string) (*Webhook, error) {
	w := &Webhook{Tolerance: DefaultWebhookTolerance, Now: time.Now}
	decode := func(s string) ([]byte, error) {
		b, err := base64.StdEncoding.DecodeString(s)
		if err != nil {
			return nil, fmt.Errorf("caravan: the webhook secret is not valid base64: %w", err)
		}
		if len(b) == 0 {
			return nil, errors.New("caravan: the webhook secret is empty")
		}
		return b, nil
	}
	switch {
	case strings.HasPrefix(secret, "whpk_"):
		key, err := decode(secret[5:])
		if err != nil {
			return nil, err
		}
		if len(key) != ed25519.PublicKeySize {
			return nil, errors.New("caravan: a whpk_ key must be 32 bytes")
		}
		w.version, w.publicKey = "v1a", ed25519.PublicKey(key)
	case strings.HasPrefix(secret, "whsk_"):
		key, err := decode(secret[5:])
		if err != nil {
			return nil, err
		}
		if len(key) != ed25519.SeedSize && len(key) != ed25519.PrivateKeySize {
			return nil, errors.New("caravan: a whsk_ key must be a 32-byte seed or a 64-byte private key")
		}
		w.version, w.privateKey = "v1a", ed25519.NewKeyFromSeed(key[:ed25519.SeedSize])
		w.publicKey = w.privateKey.Public().(ed25519.PublicKey)
	default:
		key, err := decode(strings.TrimPrefix(secret, "whsec_"))
		if err != nil {
			return nil, err
		}
		w.version, w.hmacKey = "v1", key
	}
	return w, nil
}

// Verify checks webhook-id, webhook-timestamp (within Tolerance either way) and webhook-signature against
// the exact body bytes received. Decode the body yourself once it passes.
func (w *Webhook) Verify(body []byte, header http.Header) error {
	id, timestamp, signatures := header.Get("webhook-id"), header.Get("webhook-timestamp"), header.Get("webhook-signature")
	if id == "" || timestamp == "" || signatures == "" {
		return fmt.Errorf("%w: missing required headers", ErrWebhookVerification)
	}
	seconds, err := strconv.ParseInt(timestamp, 10, 64)
	if err != nil || seconds < 0 {
		return fmt.Errorf("%w: invalid webhook-timestamp", ErrWebhookVerification)
	}
	tolerance := int64(w.Tolerance / time.Second)
	skew := w.Now().Unix() - seconds
	if skew > tolerance {
		return fmt.Errorf("%w: message timestamp too old", ErrWebhookVerification)
	}
	if skew < -tolerance {
		return fmt.Errorf("%w: message timestamp too new", ErrWebhookVerification)
	}
	content := signedContent(id, timestamp, body)
	for _, entry := range strings.Split(signatures, " ") {
		version, encoded, ok := strings.Cut(entry, ",")
		if !ok || version != w.version {
			continue
		}
		signature, err := base64.StdEncoding.DecodeString(encoded)
		if err != nil || len(signature) == 0 {
			continue
		}
		if w.version == "v1a" {
			if len(signature) == ed25519.SignatureSize && ed25519.Verify(w.publicKey, content, signature) {
				return nil
			}
		} else if hmac.Equal(signature, w.mac(content)) {
			return nil
		}
	}
	return fmt.Errorf("%w: no matching signature", ErrWebhookVerification)
}

// Sign returns the webhook-signature value for a message: v1,<base64> (or v1a,… with a whsk_ key).
func (w *Webhook) Sign(id string, timestamp time.Time, body []byte) (string, error) {
	content := signedContent(id, strconv.FormatInt(timestamp.Unix(), 10), body)
	switch {
	case w.version == "v1":
		return "v1," + base64.StdEncoding.EncodeToString(w.mac(content)), nil
	case w.privateKey != nil:
		return "v1a," + base64.StdEncoding.EncodeToString(ed25519.Sign(w.privateKey, content)), nil
	default:
		return "", errors.New("caravan: a whpk_ public key cannot sign; use the whsk_ key")
	}
}

func (w *Webhook) mac(content []byte) []byte {
	m := hmac.New(sha256.New, w.hmacKey)
	m.Write(content)
	return m.Sum(nil)
}

func signedContent(id, timestamp string, body []byte) []byte {
	return append([]byte(id+"."+timestamp+"."), body...)
}
