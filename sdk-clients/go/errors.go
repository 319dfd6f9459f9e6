package caravan

import (
	"fmt"
	"net/http"
)

// APIError is an error status Caravan answered; Code and Errors come from its problem details
// (RFC 9457 with code and errors[]). Use errors.As(err, &apiErr) to read it.
type APIError struct {
	// Status is the HTTP status.
	Status int
	// Code is the stable machine code (CARAVAN_…), or CARAVAN_UNEXPECTED_RESPONSE for a non-problem answer.
	Code   string
	Title  string
	Detail string
	// Errors lists every invalid field, as JSON Pointers (/body/url), for validation problems.
	Errors []FieldError
	// RequestID is the id of the request in Caravan's logs.
	RequestID string
	// Body is the raw answer; Header its headers (Retry-After, …).
	Body   []byte
	Header http.Header
}

func (e *APIError) Error() string {
	detail := e.Detail
	if detail == "" {
		detail = e.Title
	}
	return fmt.Sprintf("%d %s: %s", e.Status, e.Code, detail)
}

// ConnectionError is a request that got no answer (connection refused or reset, DNS failure, …).
type ConnectionError struct {
	Method, URL string
	Err         error
	// Timeout is true when the attempt outlived the client's timeout.
	Timeout bool
}

func (e *ConnectionError) Error() string {
	if e.Timeout {
		return fmt.Sprintf("%s %s timed out: %v", e.Method, e.URL, e.Err)
	}
	return fmt.Sprintf("%s %s failed: %v", e.Method, e.URL, e.Err)
}

func (e *ConnectionError) Unwrap() error { return e.Err }

func newAPIError(status int, body []byte, header http.Header) *APIError {
	var problem struct {
		Title     string       `json:"title"`
		Detail    string       `json:"detail"`
		Code      string       `json:"code"`
		Errors    []FieldError `json:"errors"`
		RequestID string       `json:"requestId"`
	}
	_ = jsonUnmarshal(body, &problem)
	e := &APIError{Status: status, Code: problem.Code, Title: problem.Title, Detail: problem.Detail,
		Errors: problem.Errors, RequestID: problem.RequestID, Body: body, Header: header}
	if e.Code == "" {
		e.Code = "CARAVAN_UNEXPECTED_RESPONSE"
	}
	if e.Title == "" {
		e.Title = fmt.Sprintf("HTTP %d", status)
	}
	if e.Errors == nil {
		e.Errors = []FieldError{}
	}
	return e
}
