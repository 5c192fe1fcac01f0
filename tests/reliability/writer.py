"""Child process for the crash tests: writes until killed, printing what it has committed."""

from __future__ import annotations

import random
import resource
import secrets
import signal
import sys
from pathlib import Path

from sosdesk.services.calls import CallInput, save_call
from sosdesk.services.clients import create_client
from sosdesk.services.drafts import save_draft
from sosdesk.store import kdf
from sosdesk.store.database import Database
from sosdesk.store.errors import StorageFull


def main() -> int:
    mode, path, user, passphrase = sys.argv[1], Path(sys.argv[2]), sys.argv[3], sys.argv[4]
    kdf.DEFAULT_KDF = kdf.FAST_KDF
    if mode == "limit":  # a disk that fills up: writes beyond this size fail with EFBIG
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        limit = path.stat().st_size + 64 * 1024
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    db = Database.open(path, user=user, passphrase=passphrase)
    rng = random.Random()
    run = secrets.token_hex(4)
    i = 0
    try:
        while True:
            i += 1
            if mode == "passwd":
                new = f"lozinka-broj-{i:06d}"
                db.set_passphrase(user, new)
                passphrase = new
                print(new, flush=True)
                continue
            if mode == "draft":  # the intake form: a draft while typing, then the saved call
                summary = f"poziv {i} {run}"  # unique across runs
                draft = save_draft(db, "call", {"summary": summary})
                print(f"draft {draft}", flush=True)
                call = save_call(
                    db,
                    CallInput(categories=["prevention_info"], summary=summary),
                    discard_draft=draft,
                )
                print(f"call {call.id}", flush=True)
                continue
            if i % 5 == 0:
                client = create_client(db, {"given_name": f"Klijentkinja {i}"})
                print(f"client {client.id}", flush=True)
            call = save_call(
                db, CallInput(categories=["prevention_info"], summary="x" * rng.randrange(10, 4000))
            )
            print(f"call {call.id}", flush=True)
    except StorageFull as exc:
        print(f"full {exc}", flush=True)
        return 0


if __name__ == "__main__":
    raise SystemExit(main())
