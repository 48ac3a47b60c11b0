import pytest
from django.template import Context, Template, engines
from django.urls import NoReverseMatch, reverse

from clapboard.core.links import _reverse_once, cached_reverse, link_builder


def test_built_links_equal_reversed_ones():
    dashboard = link_builder("productions:dashboard", "production_id")
    company = link_builder("companies:company_detail", "company_id")
    for pk in (1, 42, 10_000):
        assert dashboard(pk) == reverse("productions:dashboard", kwargs={"production_id": pk})
        assert company(pk) == reverse("companies:company_detail", kwargs={"company_id": pk})


def test_the_url_tag_writes_what_django_writes_and_remembers_it():
    page = engines["django"].from_string(
        "{% url 'productions:home' %} {% url 'productions:team' 12 %} "
        "{% url 'productions:team' production_id=pk %} {% url 'companies:company_detail' pk as link %}[{{ link }}] "
        "{% url 'no:such_view' as missing %}[{{ missing }}]"
    )
    _reverse_once.cache_clear()
    expected = (
        f"{reverse('productions:home')} {reverse('productions:team', args=[12])} "
        f"{reverse('productions:team', kwargs={'production_id': 7})} [{reverse('companies:company_detail', args=[7])}] []"
    )
    assert page.render({"pk": 7}) == expected
    assert page.render({"pk": 7}) == expected
    assert _reverse_once.cache_info().hits == 4  # the second page reversed nothing
    with pytest.raises(NoReverseMatch):
        Template("{% url 'no:such_view' %}").render(Context())


def test_urls_from_values_that_are_not_plain_are_reversed_each_time():
    class Id(int):
        pass

    _reverse_once.cache_clear()
    assert cached_reverse("productions:team", kwargs={"production_id": Id(5)}) == "/productions/5/team/"
    assert _reverse_once.cache_info().currsize == 0
