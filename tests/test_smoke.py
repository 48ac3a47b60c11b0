from clapboard.core.models import AuditEvent


def test_creating_a_production_records_an_audit_event(production):
    assert (
        AuditEvent.objects.filter(production=production, action="productions.production.created").count() == 1
    )
