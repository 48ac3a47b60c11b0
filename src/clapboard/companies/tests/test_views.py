from tests import factories

from clapboard.companies.models import Company, CompanyMembership


def test_create_a_company(client, producer):
    client.force_login(producer)
    assert client.get("/companies/new/").status_code == 200
    response = client.post(
        "/companies/new/",
        {
            "name": "Quai Films",
            "legal_form": "SAS",
            "registration_number": "",
            "country": "fr",
            "default_currency": "eur",
        },
    )
    company = Company.objects.get(name="Quai Films")
    assert response.status_code == 302
    assert (company.country, company.default_currency) == ("FR", "EUR")
    assert CompanyMembership.objects.get(company=company).user == producer


def test_bad_input_shows_errors_and_creates_nothing(client, producer):
    client.force_login(producer)
    before = Company.objects.count()
    response = client.post(
        "/companies/new/",
        {"name": "", "registration_number": "123", "country": "FR", "default_currency": "EUR"},
    )
    assert response.status_code == 200
    assert b"error-summary" in response.content
    assert Company.objects.count() == before


def test_detail_lists_members_and_productions(client, production, producer):
    client.force_login(producer)
    response = client.get(f"/companies/{production.company_id}/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "La Dernière Bobine" in page
    assert producer.email in page


def test_edit_with_a_stale_version_keeps_the_input(client, production, producer):
    company = production.company
    client.force_login(producer)
    data = {
        "name": "Renamed",
        "legal_form": "",
        "registration_number": "",
        "country": "FR",
        "default_currency": "EUR",
    }
    company.version += 1
    company.save()
    response = client.post(f"/companies/{company.pk}/edit/", {**data, "version": company.version - 1})
    assert response.status_code == 409
    assert 'value="Renamed"' in response.content.decode()
    company.refresh_from_db()
    assert company.name != "Renamed"
    response = client.post(f"/companies/{company.pk}/edit/", {**data, "version": company.version})
    assert response.status_code == 302
    company.refresh_from_db()
    assert company.name == "Renamed"


def test_add_a_member_by_email(client, production, producer):
    colleague = factories.make_user("colleague")
    client.force_login(producer)
    url = f"/companies/{production.company_id}/members/add/"
    response = client.post(url, {"email": "COLLEAGUE@example.org", "role": "member"})
    assert response.status_code == 302
    assert CompanyMembership.objects.filter(company=production.company, user=colleague).exists()
    response = client.post(url, {"email": "nobody@example.org", "role": "member"})
    assert "Aucun compte n’utilise cette adresse e-mail." in response.content.decode()  # noqa: RUF001


def test_a_plain_member_cannot_edit(client, production, producer):
    colleague = factories.make_user("colleague")
    CompanyMembership.objects.create(company=production.company, user=colleague, role="member")
    client.force_login(colleague)
    assert client.get(f"/companies/{production.company_id}/").status_code == 200
    assert client.get(f"/companies/{production.company_id}/edit/").status_code == 403
