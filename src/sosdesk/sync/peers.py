"""Enrolment: the office keeps the desks it accepts batches from; a desk trusts one office."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sosdesk.domain import roles
from sosdesk.services.access import may
from sosdesk.store.database import Database
from sosdesk.store.models.sync import SyncBatch, SyncPeer
from sosdesk.sync.errors import SyncError
from sosdesk.sync.identity import PublicIdentity, normalise_fingerprint
from sosdesk.sync.views import PeerView


def require_office(db: Database) -> None:
    """Refuse office work on a desk database."""
    if not db.desk.is_office:
        raise SyncError(
            "this is a desk database; office commands need the office database "
            "(created with `sosdesk init --office`)"
        )


def require_desk(db: Database) -> None:
    """Refuse desk work on the office database."""
    if db.desk.is_office:
        raise SyncError("sync.office_not_desk")


def _check_expected(ident: PublicIdentity, expect: str | None) -> None:
    if expect is not None and normalise_fingerprint(expect) != ident.fingerprint:
        raise SyncError("sync.fingerprint_mismatch")


def enroll_desk(
    db: Database, ident: PublicIdentity, expect: str | None = None, *, re_enrol: bool = False
) -> PeerView:
    """Accept batches from a desk (office only). Re-enrolling the same keys changes nothing;
    a revoked desk is accepted again only with `re_enrol` (a coordinator's explicit act)."""
    require_office(db)
    _check_expected(ident, expect)
    if ident.role != "desk":
        raise SyncError("sync.identity_is_office")
    if ident.device_id == db.desk.device_id or ident.desk_code == db.desk.desk_code:
        raise SyncError("sync.identity_is_self", desk=ident.desk_code)
    with db.transaction() as tx:
        s = tx.session
        same = s.get(SyncPeer, ident.device_id)
        if same is not None:
            if same.revoked_at is not None:
                if not re_enrol:
                    raise SyncError("sync.revoked_desk", code=same.desk_code)
                if not may(tx.actor, roles.RE_ENROL_DESK):
                    raise SyncError("sync.coordinator_only")
                same.revoked_at, same.revoked_by = None, None
                same.sign_public, same.box_public = ident.sign_public, ident.box_public
                same.fingerprint = ident.fingerprint
                s.flush()
                tx.audit(
                    "sync_re_enrol",
                    "sync_peers",
                    ident.device_id,
                    {"desk": same.desk_code, "fingerprint": ident.fingerprint},
                )
                return peer_view(s, same)
            if re_enrol:
                raise SyncError("sync.re_enrol_not_revoked", code=same.desk_code)
            if (same.sign_public, same.box_public) != (ident.sign_public, ident.box_public):
                raise SyncError(
                    f"desk {same.desk_code} is already enrolled with other keys; "
                    "revoke it first if the desk was really replaced"
                )
            return peer_view(s, same)
        if re_enrol:
            raise SyncError("sync.re_enrol_not_revoked", code=ident.desk_code)
        taken = s.execute(select(SyncPeer).where(SyncPeer.desk_code == ident.desk_code)).scalar()
        if taken is not None:
            raise SyncError(
                f"another desk already uses the code {ident.desk_code} (client codes "
                "would collide); give the new desk its own code"
            )
        peer = SyncPeer(
            device_id=ident.device_id,
            role="desk",
            desk_code=ident.desk_code,
            sign_public=ident.sign_public,
            box_public=ident.box_public,
            fingerprint=ident.fingerprint,
            enrolled_at=tx.now,
            enrolled_by=tx.actor.name,
            sent_through=0,
        )
        s.add(peer)
        s.flush()
        tx.audit(
            "sync_enroll",
            "sync_peers",
            ident.device_id,
            {"desk": ident.desk_code, "fingerprint": ident.fingerprint},
        )
        return peer_view(s, peer)


def revoke_desk(db: Database, desk: str) -> PeerView:
    """Stop accepting batches from a desk (its history stays). Office only."""
    require_office(db)
    with db.transaction() as tx:
        peer = find_peer(tx.session, desk)
        if peer.revoked_at is None:
            peer.revoked_at = tx.now
            peer.revoked_by = tx.actor.name
            tx.session.flush()
            tx.audit("sync_revoke", "sync_peers", peer.device_id, {"desk": peer.desk_code})
        return peer_view(tx.session, peer)


def trust_office(
    db: Database, ident: PublicIdentity, expect: str | None = None, replace: bool = False
) -> PeerView:
    """Accept batches and receipts from this office (desk only)."""
    require_desk(db)
    _check_expected(ident, expect)
    if ident.role != "office":
        raise SyncError("sync.identity_is_desk")
    with db.transaction() as tx:
        s = tx.session
        current = trusted_office(s)
        if current is not None and current.device_id == ident.device_id:
            if (current.sign_public, current.box_public) != (ident.sign_public, ident.box_public):
                raise SyncError(
                    "this office is already trusted with other keys; check with the "
                    "office before replacing them (use --replace)"
                )
            return peer_view(s, current)
        if current is not None:
            if not replace:
                raise SyncError(
                    f"this desk already trusts office {current.desk_code} "
                    f"({current.fingerprint}); use --replace to change office"
                )
            current.revoked_at = tx.now
            current.revoked_by = tx.actor.name
            current.desk_code = f"~{current.desk_code}"[:8]  # frees the code, keeps the record
        peer = SyncPeer(
            device_id=ident.device_id,
            role="office",
            desk_code=ident.desk_code,
            sign_public=ident.sign_public,
            box_public=ident.box_public,
            fingerprint=ident.fingerprint,
            enrolled_at=tx.now,
            enrolled_by=tx.actor.name,
            sent_through=0,
        )
        s.add(peer)
        s.flush()
        tx.audit(
            "sync_trust_office",
            "sync_peers",
            ident.device_id,
            {"office": ident.desk_code, "fingerprint": ident.fingerprint},
        )
        return peer_view(s, peer)


def trusted_office(s: Session) -> SyncPeer | None:
    """The office this desk sends to (None until `trust-office`)."""
    return s.execute(
        select(SyncPeer).where(SyncPeer.role == "office", SyncPeer.revoked_at.is_(None))
    ).scalar_one_or_none()


def find_peer(s: Session, ref: str) -> SyncPeer:
    """A peer by desk code (any case) or device id."""
    ref = ref.strip()
    peer = (
        s.get(SyncPeer, ref)
        or s.execute(select(SyncPeer).where(SyncPeer.desk_code == ref.upper())).scalar_one_or_none()
    )
    if peer is None:
        raise SyncError("sync.no_such_desk", ref=ref)
    return peer


def peer_view(s: Session, p: SyncPeer) -> PeerView:
    """The peer with its ledger figures."""
    last = s.execute(
        select(SyncBatch.seq, SyncBatch.done_at)
        .where(
            SyncBatch.direction == "in",
            SyncBatch.peer == p.device_id,
            SyncBatch.state == "applied",
        )
        .order_by(SyncBatch.seq.desc())
        .limit(1)
    ).first()
    counts = dict(
        s.execute(
            select(SyncBatch.state, func.count())
            .where(SyncBatch.peer == p.device_id)
            .where(SyncBatch.state.in_(("held", "pending", "exported")))
            .group_by(SyncBatch.state)
        ).all()
    )
    return PeerView(
        device_id=p.device_id,
        desk_code=p.desk_code,
        role=p.role,
        fingerprint=p.fingerprint,
        enrolled_at=p.enrolled_at,
        enrolled_by=p.enrolled_by,
        revoked_at=p.revoked_at,
        last_seq=last.seq if last else 0,
        last_applied_at=last.done_at if last else None,
        held=counts.get("held", 0),
        undelivered=counts.get("pending", 0) + counts.get("exported", 0),
    )


def list_peers(db: Database) -> list[PeerView]:
    """Every enrolled desk (office) or the trusted office (desk), by code."""
    with db.session() as s:
        rows = s.execute(select(SyncPeer).order_by(SyncPeer.desk_code)).scalars().all()
        return [peer_view(s, p) for p in rows]


def origins_map(s: Session, own_device: str, own_code: str) -> dict[str, str]:
    """Device id -> desk code for every peer and this database itself."""
    out = {p.device_id: p.desk_code for p in s.execute(select(SyncPeer)).scalars()}
    out[own_device] = own_code
    return out
