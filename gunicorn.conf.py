# gunicorn reads this file from the working directory: `gunicorn praktijkadviezen.wsgi`.
# In production it runs behind nginx (deploy/nginx.conf, `make serve`), never facing clients:
# sync workers are only safe behind a proxy that buffers requests and responses.
import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Sync workers, 2 × cores + 1: the classic choice for a database-backed Django site.
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
worker_class = "sync"
timeout = 30
graceful_timeout = 20
# Recycle workers now and then, so a slow leak never grows without bound (0: never; the
# benchmark measures without recycling).
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "10000"))
max_requests_jitter = max_requests // 10
# Whether a request came over https is said by nginx alone, in X-Forwarded-Proto; gunicorn
# believes it only from these addresses, and no other header that would say the same.
forwarded_allow_ips = "127.0.0.1,::1"
secure_scheme_headers = {"X-FORWARDED-PROTO": "https"}
# gunicorn 25+ opens a control socket in $HOME (or $XDG_RUNTIME_DIR) by default: one path for
# every gunicorn of a user, so two of them (tests, a second site) take it from each other,
# and under systemd's ProtectSystem=strict the home is read-only. We restart through the
# process manager (deploy/systemd, `make serve`), not through that socket.
control_socket_disable = True
