"""Django's Redis cache, but a Redis that is down is logged and skipped, never an error page.

After a failure Redis is left alone for a few seconds, so a dead server does not cost every
request a time-out."""

import logging
import time

from django.core.cache.backends.redis import RedisCache

logger = logging.getLogger(__name__)
PAUZE_SECONDEN = 5


class VeiligeRedisCache(RedisCache):
    _pauze_tot = 0.0  # per cache connection: set on the instance after a failure

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
