from django.urls import reverse

from clapboard.core.links import link_builder


def test_built_links_equal_reversed_ones():
    dashboard = link_builder("productions:dashboard", "production_id")
    company = link_builder("companies:company_detail", "company_id")
    for pk in (1, 42, 10_000):
        assert dashboard(pk) == reverse("productions:dashboard", kwargs={"production_id": pk})
        assert company(pk) == reverse("companies:company_detail", kwargs={"company_id": pk})
