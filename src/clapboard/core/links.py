"""Links to views: ``reverse()`` remembered, and one view for many rows.

A page links to a few dozen views (the shell, the module navigation, its own actions);
each ``reverse()`` walks the URL resolver again, about 30 µs here, which added up to a
tenth of a dashboard's time. The URL of a view for given values does not change while
the URL configuration and the script prefix stay the same, so it is computed once.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.translation import get_language

# An id no row will have; it marks where ids go in the reversed URL.
_MARK = 987_654_321_987_654
#: Values a remembered URL may be built from: plain ones whose text cannot change.
_PLAIN_VALUES = (int, str)


def cached_reverse(
    viewname: str,
    args: Sequence[Any] = (),
    kwargs: Mapping[str, Any] | None = None,
    current_app: str | None = None,
) -> str:
    """``reverse()``, computed once per view and values; raises ``NoReverseMatch`` as it does.

    Values other than integers and strings (a model instance, whose text may change) are
    reversed each time.
    """
    kwargs = kwargs or {}
    if not all(type(value) in _PLAIN_VALUES for value in (*args, *kwargs.values())):
        return reverse(viewname, args=args, kwargs=kwargs, current_app=current_app)
    return _reverse_once(
        viewname,
        tuple(args),
        tuple(sorted(kwargs.items())),
        current_app,
        (get_script_prefix(), get_urlconf(), get_language()),
    )


@functools.lru_cache(maxsize=4096)
def _reverse_once(
    viewname: str,
    args: tuple[Any, ...],
    kwargs: tuple[tuple[str, Any], ...],
    current_app: str | None,
    setting: tuple[str, Any, str | None],
) -> str:
    return reverse(viewname, args=args, kwargs=dict(kwargs), current_app=current_app)


@receiver(setting_changed)
def _forget_urls(*, setting: str, **kwargs: Any) -> None:
    if setting == "ROOT_URLCONF":  # as Django clears its own URL caches
        _reverse_once.cache_clear()


def link_builder(viewname: str, kwarg: str) -> Callable[[int], str]:
    """Reverse ``viewname`` once and return a function from an integer id to its URL.

    For lists of hundreds of rows linking to the same view, without filling the cache
    of ``cached_reverse`` with one URL per row.
    """
    head, mark, tail = reverse(viewname, kwargs={kwarg: _MARK}).partition(str(_MARK))
    if not mark:  # a converter changed the value: fall back to reversing each time
        return lambda value: reverse(viewname, kwargs={kwarg: value})
    return lambda value: f"{head}{int(value)}{tail}"
