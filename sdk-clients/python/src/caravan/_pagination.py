"""Pages of list operations, iterable over every item of every page."""

from __future__ import annotations

from typing import Any, Callable, Dict, Generic, Iterator, List, Optional, TypeVar

T = TypeVar("T")


class Page(Generic[T]):
    """What a list method returns: the page asked for (``data``, ``next_cursor``). Iterating it yields
    every item of this page and of the pages after it, fetched one page at a time as the loop advances,
    with the same filters."""

    def __init__(self, answer: Dict[str, Any], fetch: Callable[[str], Dict[str, Any]]) -> None:
        self.data: List[T] = answer["data"]
        self.next_cursor: Optional[str] = answer.get("nextCursor")
        self._fetch = fetch

    def pages(self) -> Iterator["Page[T]"]:
        """This page and every page after it."""
        page: Page[T] = self
        while True:
            yield page
            if not page.next_cursor:
                return
            page = Page(self._fetch(page.next_cursor), self._fetch)

    def __iter__(self) -> Iterator[T]:
        for page in self.pages():
            yield from page.data

    def __repr__(self) -> str:
        return f"Page(data={self.data!r}, next_cursor={self.next_cursor!r})"
