"""State changes of productions and their teams.

Every function here validates, saves and writes its audit event in one transaction,
and is the only way views and the API change these records.
"""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from clapboard.accounts.models import hash_token
from clapboard.companies.models import CompanyMembership
from clapboard.core import audit
from clapboard.core.concurrency import apply_edit, lock_for_update, save_edit
from clapboard.core.validators import validate_code_list, validate_country_code, validate_language_code

from .models import Episode, Invitation, KeyDate, Production, ProductionMember
from .phases import Phase, refusal_reason
from .roles import Role

PRODUCTION_FIELDS = (
    "title",
    "working_title",
    "international_title",
    "kind",
    "currency",
    "countries",
    "languages",
    "genre",
    "target_runtime_minutes",
    "logline",
    "international_logline",
    "synopsis",
)
INVITATION_LIFETIME = dt.timedelta(days=14)


class PhaseTransitionRefused(ValidationError):
    """The requested phase cannot follow the current one; the message says why."""


def _validate_production(production: Production) -> None:
    production.full_clean(exclude=["company"])
    validate_code_list(production.countries, validate_country_code)
    validate_code_list(production.languages, validate_language_code)


def create_production(*, acting_user: Any, company: Any, **fields: Any) -> Production:
    """Create a production in ``company``; its creator becomes its producer."""
    if (
        not acting_user.is_superuser
        and not CompanyMembership.objects.filter(company=company, user=acting_user).exists()
    ):
        raise ValidationError({"company": _("You can create productions only in your own companies.")})
    production = Production(
        company=company, currency=fields.pop("currency", None) or company.default_currency
    )
    apply_edit(production, PRODUCTION_FIELDS, fields)
    try:
        _validate_production(production)
    except ValidationError as error:
        raise ValidationError(
            error.message_dict if hasattr(error, "error_dict") else error.messages
        ) from None
    with transaction.atomic():
        production.save()
        ProductionMember.objects.create(production=production, user=acting_user, role=Role.PRODUCER)
        audit.record_change(
            "productions.production.created", production, actor=acting_user, production=production
        )
    return production


def update_production(
    production: Production, *, acting_user: Any, expected_version: int | None, **changes: Any
) -> Production:
    with transaction.atomic():
        production = lock_for_update(production, expected_version)
        changed = apply_edit(production, PRODUCTION_FIELDS, changes)
        if save_edit(production, changed, validate=_validate_production):
            audit.record_change(
                "productions.production.updated", production, actor=acting_user, production=production
            )
    return production


def change_phase(
    production: Production,
    *,
    acting_user: Any,
    phase: str,
    expected_version: int | None = None,
    note: str = "",
) -> Production:
    """Move the production to ``phase`` if the lifecycle allows it; refuse with the reason otherwise."""
    if phase not in Phase.values:
        raise PhaseTransitionRefused({"phase": _("Unknown phase “%(phase)s”.") % {"phase": phase}})
    with transaction.atomic():
        production = lock_for_update(production, expected_version)
        current = Phase(production.phase)
        before_archive = Phase(production.phase_before_archive) if production.phase_before_archive else None
        reason = refusal_reason(current, Phase(phase), before_archive)
        if reason:
            raise PhaseTransitionRefused({"phase": reason})
        production.phase_before_archive = current if phase == Phase.ARCHIVED else ""
        production.phase = phase
        production.version += 1
        production.save()
        audit.record_change(
            "productions.phase.changed",
            production,
            actor=acting_user,
            production=production,
            data={"note": note} if note else None,
        )
    return production


# --- Team -----------------------------------------------------------------------------


def _check_role(role: str) -> None:
    if role not in Role.values:
        raise ValidationError({"role": _("Unknown role “%(role)s”.") % {"role": role}})


def invite_member(
    production: Production,
    *,
    acting_user: Any,
    email: str,
    role: str,
    department: str = "",
    invite_url_builder: Any = None,
) -> ProductionMember | Invitation:
    """Add a colleague with ``role``.

    Someone who already has an account is added at once; anyone else receives an
    e-mailed invitation link. Returns the membership or the invitation.
    """
    _check_role(role)
    email = (email or "").strip().lower()
    if not email or "@" not in email:
        raise ValidationError({"email": _("Enter the e-mail address of the person to invite.")})
    user = get_user_model().objects.filter(email__iexact=email, is_active=True).first()
    with transaction.atomic():
        if user is not None:
            if ProductionMember.objects.filter(production=production, user=user).exists():
                raise ValidationError(
                    {"email": _("%(email)s is already on this production.") % {"email": email}}
                )
            member = ProductionMember.objects.create(
                production=production, user=user, role=role, department=department, invited_by=acting_user
            )
            audit.record_change("productions.member.added", member, actor=acting_user, production=production)
            return member
        raw_token = secrets.token_urlsafe(32)
        invitation = Invitation.objects.create(
            production=production,
            email=email,
            role=role,
            department=department,
            token_hash=hash_token(raw_token),
            invited_by=acting_user,
            expires_at=timezone.now() + INVITATION_LIFETIME,
        )
        audit.record(
            "productions.member.invited",
            actor=acting_user,
            production=production,
            target=invitation,
            data={"email": email, "role": role},
        )
        link = invite_url_builder(raw_token) if invite_url_builder else f"/invitations/{raw_token}/"
        transaction.on_commit(lambda: _send_invitation(invitation, acting_user, link))
        invitation.raw_token = raw_token  # type: ignore[attr-defined]  # shown once to the inviter
        return invitation


def _send_invitation(invitation: Invitation, inviter: Any, link: str) -> None:
    send_mail(
        subject=_("%(inviter)s invites you to %(production)s on Clapboard")
        % {"inviter": inviter, "production": invitation.production},
        message=_("You are invited as %(role)s. Open this link to join: %(link)s")
        % {"role": invitation.get_role_display(), "link": link},
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[invitation.email],
        fail_silently=True,
    )


def find_invitation(raw_token: str) -> Invitation | None:
    invitation = (
        Invitation.objects.select_related("production").filter(token_hash=hash_token(raw_token)).first()
    )
    if invitation is None or invitation.accepted_at or invitation.expires_at < timezone.now():
        return None
    return invitation


def accept_invitation(invitation: Invitation, *, user: Any) -> ProductionMember:
    with transaction.atomic():
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if invitation.accepted_at:
            raise ValidationError(_("This invitation has already been used."))
        member, _created = ProductionMember.objects.get_or_create(
            production=invitation.production,
            user=user,
            defaults={
                "role": invitation.role,
                "department": invitation.department,
                "invited_by": invitation.invited_by,
            },
        )
        invitation.accepted_at = timezone.now()
        invitation.accepted_by = user
        invitation.save(update_fields=["accepted_at", "accepted_by"])
        audit.record_change(
            "productions.member.added",
            member,
            actor=user,
            production=invitation.production,
            data={"via": "invitation"},
        )
    return member


def _producers_left(production: Production, excluding: ProductionMember) -> int:
    return production.members.filter(role=Role.PRODUCER).exclude(pk=excluding.pk).count()


def change_member_role(
    member: ProductionMember, *, acting_user: Any, role: str, department: str | None = None
) -> ProductionMember:
    _check_role(role)
    with transaction.atomic():
        member = ProductionMember.objects.select_for_update().get(pk=member.pk)
        if (
            member.role == Role.PRODUCER
            and role != Role.PRODUCER
            and not _producers_left(member.production, member)
        ):
            raise ValidationError({"role": _("A production keeps at least one producer.")})
        member.role = role
        if department is not None:
            member.department = department
        member.save()
        audit.record_change(
            "productions.member.role_changed", member, actor=acting_user, production=member.production
        )
    return member


def remove_member(member: ProductionMember, *, acting_user: Any) -> None:
    with transaction.atomic():
        member = (
            ProductionMember.objects.select_for_update()
            .select_related("production", "user")
            .get(pk=member.pk)
        )
        if member.role == Role.PRODUCER and not _producers_left(member.production, member):
            raise ValidationError(_("A production keeps at least one producer."))
        audit.record(
            "productions.member.removed",
            actor=acting_user,
            production=member.production,
            target=member,
            data={"user": str(member.user), "role": member.get_role_display()},
        )
        member.delete()


# --- Episodes and key dates -------------------------------------------------------------

EPISODE_FIELDS = ("number", "title", "target_runtime_minutes")


def create_episode(production: Production, *, acting_user: Any, **fields: Any) -> Episode:
    if not production.is_series:
        raise ValidationError(_("Only series have episodes."))
    episode = Episode(production=production)
    apply_edit(episode, EPISODE_FIELDS, fields)
    episode.full_clean()
    with transaction.atomic():
        episode.save()
        audit.record_change("productions.episode.created", episode, actor=acting_user, production=production)
    return episode


def update_episode(
    episode: Episode, *, acting_user: Any, expected_version: int | None, **changes: Any
) -> Episode:
    with transaction.atomic():
        episode = lock_for_update(episode, expected_version)
        if save_edit(episode, apply_edit(episode, EPISODE_FIELDS, changes)):
            audit.record_change(
                "productions.episode.updated", episode, actor=acting_user, production=episode.production
            )
    return episode


def delete_episode(episode: Episode, *, acting_user: Any) -> None:
    with transaction.atomic():
        audit.record(
            "productions.episode.deleted", actor=acting_user, production=episode.production, target=episode
        )
        episode.delete()


def set_key_date(
    production: Production, *, acting_user: Any, kind: str, date: dt.date, label: str = ""
) -> KeyDate:
    """Set a milestone; standard milestones exist once per production, "other" ones many times."""
    with transaction.atomic():
        existing = None
        if kind != KeyDate.Kind.OTHER:
            existing = production.key_dates.select_for_update().filter(kind=kind).first()
        key_date = existing or KeyDate(production=production, kind=kind)
        key_date.date = date
        key_date.label = label
        key_date.full_clean()
        key_date.save()
        audit.record_change("productions.key_date.set", key_date, actor=acting_user, production=production)
    return key_date


def delete_key_date(key_date: KeyDate, *, acting_user: Any) -> None:
    with transaction.atomic():
        audit.record(
            "productions.key_date.deleted", actor=acting_user, production=key_date.production, target=key_date
        )
        key_date.delete()
