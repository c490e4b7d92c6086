"""Django's Redis cache, but a Redis that is down is logged and skipped, never an error page.

After a failure Redis is left alone for a few seconds, so a dead server does not cost every
request a time-out."""

import logging
import time

from django.core.cache.backends.redis import RedisCache, RedisCacheClient

logger = logging.getLogger(__name__)
PAUZE_SECONDEN = 5


class HergebruikteClient(RedisCacheClient):
    """Django makes a new redis-py client for every cache call, and redis-py builds a table
    of 80-odd response handlers for each: a third of what a page from the cache costs. One
    client per connection pool does the same (clients are safe to share)."""

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        clients = self.__dict__.setdefault("_clients", {})
        if id(pool) not in clients:
            clients[id(pool)] = self._client(connection_pool=pool)
        return clients[id(pool)]


class VeiligeRedisCache(RedisCache):
    _pauze_tot = 0.0  # per cache connection: set on the instance after a failure

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = HergebruikteClient

    def _veilig(naam, standaard=None):
        def methode(self, *args, **kwargs):
            if time.monotonic() < self._pauze_tot:
                return standaard
            try:
                return getattr(RedisCache, naam)(self, *args, **kwargs)
            except Exception as fout:  # redis-py raises several kinds; all mean "no cache now"
                self._pauze_tot = time.monotonic() + PAUZE_SECONDEN
                logger.warning("Redis niet bereikbaar (%s); pagina's zonder cache.", fout)
                return standaard

        methode.__name__ = naam
        return methode

    get = _veilig("get")
    get_many = _veilig("get_many", {})
    set = _veilig("set")
    set_many = _veilig("set_many", [])
    add = _veilig("add", False)
    delete = _veilig("delete", False)
    delete_many = _veilig("delete_many")
    touch = _veilig("touch", False)
    has_key = _veilig("has_key", False)
    incr = _veilig("incr", 0)
    clear = _veilig("clear")
    del _veilig
