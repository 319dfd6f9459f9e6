package caravan

import (
	"context"
	"iter"
	"maps"
	"net/url"
)

// Page is one page of a list: its items and the cursor of the next page (nil on the last page).
type Page[T any] struct {
	Data       []T     `json:"data"`
	NextCursor *string `json:"nextCursor"`
}

// Pager is what a list method returns: Page for the page asked for, All for every item of every page,
// fetched one page at a time as the loop advances, with the same filters.
//
//	for delivery, err := range client.Deliveries.List(ctx, &caravan.ListDeliveriesParams{Status: …}).All() {
//		if err != nil { return err }
//		…
//	}
type Pager[T any] struct {
	ctx    context.Context
	client *httpClient
	op     operation
	opts   []RequestOption
}

func newPager[T any](ctx context.Context, c *httpClient, op operation, opts []RequestOption) *Pager[T] {
	return &Pager[T]{ctx: ctx, client: c, op: op, opts: opts}
}

func (p *Pager[T]) fetch(cursor string) (*Page[T], error) {
	op := p.op
	op.query = maps.Clone(p.op.query)
	if op.query == nil {
		op.query = url.Values{}
	}
	op.query.Del("cursor")
	if cursor != "" {
		op.query.Set("cursor", cursor)
	}
	page := new(Page[T])
	if err := p.client.do(p.ctx, op, nil, page, p.opts); err != nil {
		return nil, err
	}
	return page, nil
}

// Page fetches the page the call asked for (the first, or the one its Cursor names).
func (p *Pager[T]) Page() (*Page[T], error) {
	return p.fetch(p.op.query.Get("cursor"))
}

// Pages yields every page in turn, starting with the one the call asked for; it stops after an error.
func (p *Pager[T]) Pages() iter.Seq2[*Page[T], error] {
	return func(yield func(*Page[T], error) bool) {
		cursor := p.op.query.Get("cursor")
		for {
			page, err := p.fetch(cursor)
			if !yield(page, err) || err != nil {
				return
			}
			if page.NextCursor == nil || *page.NextCursor == "" {
				return
			}
			cursor = *page.NextCursor
		}
	}
}

// All yields every item of every page; on an error it yields the zero item with the error, and stops.
func (p *Pager[T]) All() iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		for page, err := range p.Pages() {
			if err != nil {
				var zero T
				yield(zero, err)
				return
			}
			for _, item := range page.Data {
				if !yield(item, nil) {
					return
				}
			}
		}
	}
}
