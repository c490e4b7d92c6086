"""PostgreSQL as Django has it, with a health check that costs no round trip.

Connections are kept open between requests (CONN_MAX_AGE). Django checks a kept connection
before a request's first query by running `SELECT 1`: one round trip on every request. A
connection the server has closed (a restart, pg_terminate_backend) has something to read on
its socket — the server's goodbye — while a healthy idle one has nothing, so looking at the
socket tells the same without asking the server. After an error, Django's own check (the
query) still decides."""

import select

from django.db.backends.postgresql import base


class DatabaseWrapper(base.DatabaseWrapper):
    def close_if_health_check_failed(self):
        if self.connection is None or not self.health_check_enabled or self.health_check_done:
            return
        if not self.socket_is_gezond():
            self.close()
        self.health_check_done = True

    def socket_is_gezond(self):
        verbinding = self.connection
        if verbinding.closed or verbinding.broken:
            return False
        try:
            leesbaar, _, _ = select.select([verbinding.fileno()], [], [], 0)
        except (OSError, ValueError):
            return False
        return not leesbaar
